// Package memlimit decides how much memory the worker process may use: a
// default from the machine (a share of its physical memory, and of the
// cgroup limit where one applies, as in a container or a JupyterHub
// user's slice), or a size a person sets ("4GiB", "60%", "off").
package memlimit
