"""descent's widgets in a real browser: the test page of ../widgetpage
(built from npm's @jupyter-widgets/html-manager and @jupyterlab/services) on
Debian's Notebook 6.4 server, in headless Chromium, with harness.py.

Each test drives the page as a student drives widgets: it drags a slider
with the mouse and clicks buttons, and checks what the page shows and what
the kernel holds. Run by the Go test TestWidgetsInChromium, which sets
DESCENT_WIDGETPAGE to the built page.

The page is served from the server's nbextensions directory: a static file
of the same origin as the API (files of the notebook directory are served
sandboxed, with an opaque origin the API refuses).
"""

import hashlib
import os
import shutil

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from harness import BrowserTest, wait_until

# The cell of an Interact over gradient descent on a valley: the figure
# changes with η.
INTERACT = """
valley := optimlib.Quadratic(1, 10)
eta := widgets.NewFloatSlider("η", 0.05, 0.01, 0.2)
drawn := 0
in := widgets.Interact(func(eta float64) *figure.Figure {
	drawn++
	res := optimlib.Minimize(valley, optimlib.NewGD(eta), []float64{-4, 2}, 30)
	return figure.Contour(valley, figure.Options{Title: fmt.Sprintf("η = %.3f", eta)}, res)
}, eta)
in
"""


class WidgetsInChromium(BrowserTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        page = os.environ["DESCENT_WIDGETPAGE"]
        shutil.copytree(page, os.path.join(cls.server.dir, "data", "nbextensions", "descent-widgets"))
        cls.driver = cls.browser.driver
        cls.driver.set_script_timeout(120)

    def open_page(self):
        """Opens the test page, which starts a kernel of its own."""
        self.page.leave()
        self.driver.get(self.server.url("nbextensions/descent-widgets/index.html"))
        wait_until("the page to connect to the kernel", lambda: self.driver.execute_script(
            "return document.body.dataset.ready"))
        self.assertEqual(self.driver.execute_script("return document.body.dataset.ready"), "yes",
                         self.driver.execute_script("return window.descent && descent.log()"))

    def tearDown(self):
        # The next test starts a kernel of its own: end this one.
        self.driver.execute_script(
            "window.descent && window.descent.shutdown && window.descent.shutdown()")

    # The page.

    def run_cell(self, code):
        """Runs code in a new cell; returns its number."""
        return self.driver.execute_script("return descent.run(arguments[0])", code)

    def wait_cell(self, n):
        """Waits for cell n's reply and returns its content."""
        return self.driver.execute_async_script(
            "descent.done(arguments[0]).then(arguments[arguments.length - 1])", n)

    def run_ok(self, code):
        n = self.run_cell(code)
        reply = self.wait_cell(n)
        self.assertEqual(reply["status"], "ok", reply)
        return n

    def cell(self, n):
        return self.driver.find_element(By.ID, "cell-%d" % n)

    def value_of(self, expr):
        """Evaluates expr in a new cell and returns its text/plain."""
        n = self.run_ok(expr)
        return wait_until("the value of " + expr, lambda: self.cell(n).find_element(
            By.CSS_SELECTOR, ".jp-OutputArea-output").text.strip())

    def image_digest(self, cell):
        """A digest of the pixels the widget image in cell shows, once
        loaded."""
        def digest():
            return self.driver.execute_async_script("""
                const img = arguments[0].querySelector('.widget-image, img');
                const done = arguments[arguments.length - 1];
                if (!img || !img.complete || !img.naturalWidth) { done(null); return; }
                const c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                c.getContext('2d').drawImage(img, 0, 0);
                done(c.toDataURL());
            """, cell)
        data = wait_until("the widget image to load", digest)
        return hashlib.sha256(data.encode()).hexdigest()

    def wait_new_image(self, cell, old, what):
        return wait_until(what, lambda: (lambda d: d if d != old else None)(self.image_digest(cell)))

    def slider(self, cell):
        return wait_until("a slider", lambda: cell.find_element(By.CSS_SELECTOR, ".widget-slider .noUi-handle"))

    def readout(self, cell):
        return cell.find_element(By.CSS_SELECTOR, ".widget-readout").text

    def drag(self, handle, dx):
        ActionChains(self.driver).click_and_hold(handle).move_by_offset(dx // 2, 0).move_by_offset(
            dx - dx // 2, 0).release().perform()

    # The tests.

    def test_drag_a_slider_redraws_the_figure(self):
        self.open_page()
        n = self.run_ok(INTERACT)
        cell = self.cell(n)
        handle = self.slider(cell)
        before, value_before = self.image_digest(cell), self.readout(cell)
        self.drag(handle, 120)
        wait_until("the readout to move", lambda: self.readout(cell) != value_before)
        after = self.wait_new_image(cell, before, "the figure to change after the drag")
        shown = self.readout(cell)
        # The kernel holds the value the page shows, and drew it last.
        self.assertEqual(self.value_of('fmt.Sprintf("%.3f", eta.Value())').strip('"'), shown)
        self.assertIn("η = " + shown, self.value_of("in.String()"))
        # Dragging back changes the figure again.
        self.drag(self.slider(cell), -200)
        self.wait_new_image(cell, after, "the figure to change after dragging back")

    def test_click_a_button_updates_an_output(self):
        self.open_page()
        n = self.run_ok("""
clicks := 0
b := widgets.NewButton("count")
out := widgets.NewOutput()
b.OnClick(func() { clicks++; out.Printf("clicked %d\\n", clicks) })
widgets.NewVBox(b, out)
""")
        cell = self.cell(n)
        button = wait_until("the button", lambda: cell.find_element(By.CSS_SELECTOR, "button.jupyter-button"))
        for i in (1, 2, 3):
            button.click()
            wait_until("the output to show click %d" % i, lambda: "clicked %d" % i in cell.find_element(
                By.CSS_SELECTOR, ".widget-output").text)
        self.assertEqual(self.value_of("clicks"), "3")

    def test_slider_dragged_while_a_cell_runs(self):
        self.open_page()
        n = self.run_ok(INTERACT)
        cell = self.cell(n)
        before = self.image_digest(cell)
        drawn = self.value_of("drawn")
        # A long cell that waits for the slider: it can only end if the
        # drag reaches the kernel while it runs.
        long = self.run_cell("""
start := eta.Value()
for eta.Value() == start {
	time.Sleep(10 * time.Millisecond)
}
fmt.Println("the cell saw the slider move")
""")
        wait_until("the long cell to be busy", lambda: self.driver.execute_script("return descent.status()") == "busy")
        self.drag(self.slider(cell), 150)
        reply = self.wait_cell(long)
        self.assertEqual(reply["status"], "ok", reply)
        self.assertIn("the cell saw the slider move", self.cell(long).text)
        # Its redraw ran after the cell, and the figure shows it; the long
        # cell's output has nothing of it.
        self.wait_new_image(cell, before, "the figure to change after the long cell")
        self.assertNotIn("η =", self.cell(long).text)
        self.assertGreater(int(self.value_of("drawn")), int(drawn))
        # The slider still follows the mouse after the cell.
        after = self.image_digest(cell)
        self.drag(self.slider(cell), -150)
        self.wait_new_image(cell, after, "the figure to change after the cell")

    def test_interrupt_and_restart_with_live_widgets(self):
        self.open_page()
        n = self.run_ok(INTERACT)
        cell = self.cell(n)
        spin = self.run_cell("for {}")
        wait_until("the endless cell to be busy", lambda: self.driver.execute_script("return descent.status()") == "busy")
        self.driver.execute_async_script("descent.interrupt().then(arguments[arguments.length - 1])")
        reply = self.wait_cell(spin)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        # The widgets of the interrupted kernel still work: the callback
        # held by the widget was not lost.
        before = self.image_digest(cell)
        self.drag(self.slider(cell), 120)
        self.wait_new_image(cell, before, "the figure to change after the interrupt")
        # After a restart the old widgets are gone with their kernel; a
        # new Interact works.
        self.driver.execute_async_script("descent.restart().then(arguments[arguments.length - 1])")
        n2 = self.run_ok(INTERACT)
        cell2 = self.cell(n2)
        before = self.image_digest(cell2)
        self.drag(self.slider(cell2), 120)
        self.wait_new_image(cell2, before, "the new figure to change after the restart")
        self.assertGreaterEqual(int(self.value_of("drawn")), 2)

    def test_classic_notebook_shows_the_figure(self):
        # Debian's classic Notebook 6.4 has no widget manager for protocol
        # 2.1: the Interact's output shows its figure as an image, and the
        # cell says nothing else.
        self.page.new_notebook()
        cell = self.page.run_cell(INTERACT)
        outputs = cell.find_elements(By.CSS_SELECTOR, ".output_area")
        self.assertEqual(len(outputs), 1, self.page.output_texts(cell))
        wait_until("the figure to load", lambda: self.driver.execute_script(
            "var i = arguments[0].querySelector('img');"
            " return !!i && i.complete && i.naturalWidth > 0;", outputs[0]))
        self.assertEqual(self.page.error_outputs(), [])
