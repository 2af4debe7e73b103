// A test front end for descent's Jupyter widgets: it starts a kernel on the
// Notebook server that serves this page, runs cells on it, and shows their
// outputs, widgets included, with the renderers of @jupyter-widgets/html-manager
// and @jupyterlab/outputarea. It speaks to the kernel through
// @jupyterlab/services (the server's websocket). The browser test drives it
// through window.descent:
//
//   await descent.ready                 the kernel is up, its widget comms wired
//   descent.run(code) -> cell number    runs a cell; its outputs appear in #cell-N
//   await descent.done(n)               resolves with the cell's reply content
//   await descent.interrupt(), restart(), shutdown()
//   descent.status()                    the kernel's status
//
// Widgets work the way JupyterLab's widget manager does: kernel comms of the
// target jupyter.widget become models, a widget-view output renders a view.

import { KernelManager, ServerConnection } from '@jupyterlab/services';
import { HTMLManager } from '@jupyter-widgets/html-manager/lib/htmlmanager';
import { shims } from '@jupyter-widgets/base';
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { Widget } from '@lumino/widgets';

// KernelWidgetManager is an HTMLManager whose models live in a kernel.
class KernelWidgetManager extends HTMLManager {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    kernel.registerCommTarget(this.comm_target_name, async (comm, msg) => {
      await this.handle_comm_open(new shims.services.Comm(comm), msg);
    });
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) {
      comm.open(data, metadata, buffers);
    }
    return new shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }
}

const params = new URLSearchParams(window.location.search);
const settings = ServerConnection.makeSettings({
  baseUrl: window.location.origin + '/',
  wsUrl: window.location.origin.replace(/^http/, 'ws') + '/',
  token: params.get('token') || '',
});

const cells = [];
let kernel = null;
let manager = null;
const log = [];

function note(line) {
  log.push(line);
  const el = document.getElementById('log');
  if (el) {
    el.textContent = log.join('\n');
  }
}

async function connect() {
  const kernels = new KernelManager({ serverSettings: settings });
  kernel = await kernels.startNew({ name: params.get('kernel') || 'descent' });
  kernel.statusChanged.connect((_, status) => {
    document.body.dataset.kernelStatus = status;
  });
  kernel.connectionStatusChanged.connect((_, status) => {
    document.body.dataset.connection = status;
    note('connection: ' + status);
  });
  manager = new KernelWidgetManager(kernel);
  await kernel.info;
  note('kernel ' + kernel.id + ' ready; websocket protocol "' + (kernel.subprotocol || '') + '"');
  return kernel;
}

// run executes code in a new cell and returns its number.
function run(code) {
  const n = cells.length;
  const node = document.createElement('div');
  node.className = 'cell';
  node.id = 'cell-' + n;
  const source = document.createElement('pre');
  source.className = 'source';
  source.textContent = code;
  node.appendChild(source);
  document.getElementById('cells').appendChild(node);
  const model = new OutputAreaModel({ trusted: true });
  const area = new OutputArea({ model, rendermime: manager.renderMime });
  Widget.attach(area, node);
  const future = kernel.requestExecute({ code, stop_on_error: false });
  future.onIOPub = (msg) => {
    const type = msg.header.msg_type;
    switch (type) {
      case 'execute_result':
      case 'display_data':
      case 'stream':
      case 'error':
        model.add({ ...msg.content, output_type: type });
        break;
      case 'clear_output':
        model.clear(msg.content.wait);
        break;
    }
  };
  const done = future.done.then(
    (reply) => {
      node.dataset.status = reply.content.status;
      return reply.content;
    },
    (err) => {
      node.dataset.status = 'failed';
      return { status: 'failed', evalue: String(err) };
    },
  );
  cells.push({ node, done });
  return n;
}

async function restart() {
  await kernel.restart();
  note('restarted');
}

window.descent = {
  ready: connect().then(
    () => {
      document.body.dataset.ready = 'yes';
    },
    (err) => {
      document.body.dataset.ready = 'failed';
      note('connect failed: ' + err);
      throw err;
    },
  ),
  run,
  done: (n) => cells[n].done,
  interrupt: () => kernel.interrupt(),
  restart,
  shutdown: () => kernel && kernel.shutdown(),
  status: () => kernel.status,
  log: () => log.join('\n'),
};
