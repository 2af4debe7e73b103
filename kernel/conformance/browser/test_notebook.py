"""descent in classic Notebook 6.4, in headless Chromium, as a student uses it.

Run by kernel/conformance's TestNotebookInChromium (see harness.py for the
environment it sets).
"""

import hashlib
import os
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import BrowserTest, wait_until

# Two lessons that run in seconds, with figures.
LESSONS = ["01-gradient-descent.ipynb", "09-regularization.ipynb"]


class Lessons(BrowserTest):
    """Open a lesson, Kernel → Restart & Run All: no error, every figure
    loads, and opening it did not mark it modified."""

    def check_lesson(self, name):
        page = self.page
        page.open(name)
        # Notebook compares the stored language_info with the kernel's on
        # kernel_ready; a difference marks the notebook "(unsaved changes)".
        self.assertFalse(page.dirty(), "%s is marked modified as soon as it opens" % name)
        page.restart_and_run_all()
        errors = [e.text for e in page.error_outputs()]
        self.assertEqual(errors, [], "%s shows error outputs after Restart & Run All" % name)
        images = page.images()
        self.assertGreaterEqual(len(images), 2, "%s shows %d images; every lesson has figures" % (name, len(images)))
        broken = [src for src, loaded in images if not loaded]
        self.assertEqual(broken, [], "%s has images that did not load" % name)
        count = len(page.code_cells())
        prompts = [page.input_prompt(c) for c in page.code_cells()]
        self.assertEqual(prompts, ["In [%d]:" % (i + 1) for i in range(count)],
                         "%s: the cells did not all run, in order, once" % name)

    def test_first_lesson(self):
        self.check_lesson(LESSONS[0])

    def test_second_lesson(self):
        self.check_lesson(LESSONS[1])


class NewNotebook(BrowserTest):
    """A new notebook from the dashboard's New menu, used as a student
    would. The tests run in order (unittest sorts them by name) in one
    notebook and one kernel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page.new_notebook("descent")

    def cell_text(self, cell_el):
        return "\n".join(self.page.output_texts(cell_el))

    def test_1_out_2_is_42(self):
        page = self.page
        page.run_cell("x := 40")
        cell = page.run_cell("x + 2")
        prompt = cell.find_element(By.CSS_SELECTOR, ".output_prompt").text.strip()
        self.assertEqual(prompt, "Out[2]:")
        self.assertEqual(cell.find_element(By.CSS_SELECTOR, ".output_subarea").text.strip(), "42")

    def test_2_tab_completion(self):
        page = self.page
        cell = page.add_cell()
        page.focus_editor(cell)
        page.type_keys("optimlib.NewAd")
        page.type_keys(Keys.TAB)
        options = wait_until(
            "the completion list",
            lambda: [o.text for o in self.browser.driver.find_elements(By.CSS_SELECTOR, "#complete select option")],
        )
        for want in ("NewAdam", "NewAdamW", "NewAdamax"):
            self.assertIn(want, options)
        page.type_keys(Keys.ESCAPE)
        wait_until("the completion list to close",
                   lambda: not self.browser.driver.find_elements(By.CSS_SELECTOR, "#complete"))

    def test_3_shift_tab_tooltip(self):
        page = self.page
        cell = page.add_cell()
        page.focus_editor(cell)
        page.type_keys("optimlib.NewAdam(")
        page.shift_tab()

        def tooltip():
            els = self.browser.driver.find_elements(By.CSS_SELECTOR, "#tooltip")
            return els and els[0].is_displayed() and els[0].text

        text = wait_until("the Shift-Tab tooltip", tooltip)
        self.assertIn("func NewAdam(lr float64) *Adam", text)
        # The type's doc comes with the constructor's: the update rule.
        page.shift_tab()  # a second press grows it
        full = self.browser.driver.find_element(By.CSS_SELECTOR, "#tooltip").get_attribute("textContent")
        self.assertIn("type Adam struct", full)
        self.assertIn("m ← β₁·m + (1−β₁)·g", full)
        page.type_keys(Keys.ESCAPE)

    def test_4_interrupt_keeps_variables(self):
        page = self.page
        cell = page.run_cell("for {}", wait=False)
        page.wait_cell_busy(cell)
        page.interrupt_from_toolbar()
        page.wait_cell_done(cell)
        self.assertIn("interrupted: the cell was stopped", self.cell_text(cell))
        after = page.run_cell("x")
        self.assertEqual(after.find_element(By.CSS_SELECTOR, ".output_subarea").text.strip(), "40",
                         "the cell after an interrupt does not see x")

    def test_5_input_box(self):
        page = self.page
        cell = page.run_cell('var name string\nfmt.Scan(&name)\nfmt.Println("hello", name)', wait=False)
        box = wait_until("the input box", lambda: cell.find_elements(By.CSS_SELECTOR, "input.raw_input"))
        box[0].send_keys("Ada" + Keys.ENTER)
        page.wait_cell_done(cell)
        self.assertIn("hello Ada", self.cell_text(cell))

    def watch_output(self, code, state):
        """Runs code in a new cell and records the distinct states (state(cell)
        as the cell shows it) until it finishes; returns the cell and the
        states, in order."""
        page = self.page
        cell = page.run_cell(code, wait=False)
        states = []

        def finished():
            try:
                s = state(cell)
            except Exception:
                s = None
            if s and (not states or states[-1] != s):
                states.append(s)
            return page.cell_done(cell)

        wait_until("the cell to finish", finished, interval=0.02)
        final = state(cell)  # what it shows once the cell is done
        if final and states[-1:] != [final]:
            states.append(final)
        return cell, states

    def test_6_progress_bar_updates_in_place(self):
        cell, states = self.watch_output(
            "p := display.NewProgress(20)\nfor i := 0; i < 20; i++ {\n\ttime.Sleep(150 * time.Millisecond)\n\tp.Add(1)\n}\np.Done()",
            lambda c: c.find_element(By.CSS_SELECTOR, ".output_area").text,
        )
        self.assertEqual(len(cell.find_elements(By.CSS_SELECTOR, ".output_area")), 1,
                         "the progress bar is not one output updated in place")
        self.assertGreaterEqual(len(states), 3, "the progress bar showed %d states: %r" % (len(states), states))
        self.assertIn("20/20", states[-1].replace(" ", ""))

    def test_7_live_figure_updates_in_place(self):
        def frame(c):
            srcs = [i.get_attribute("src") for i in c.find_elements(By.CSS_SELECTOR, ".output_area img")]
            return "|".join(hashlib.sha1(s.encode()).hexdigest() for s in srcs if s)

        cell, states = self.watch_output(
            "land := optimlib.Rosenbrock(2)\nlive := display.NewLive(land, \"Adam\")\nlive.SetPace(300)\n"
            "optimlib.Run(land, optimlib.NewAdam(0.05), []float64{-1.5, 2}, optimlib.RunConfig{MaxSteps: 900, Callback: live.Callback})\n"
            "live.Done()",
            frame,
        )
        self.assertEqual(len(cell.find_elements(By.CSS_SELECTOR, ".output_area")), 1,
                         "the live figure is not one output updated in place")
        self.assertGreaterEqual(len(states), 3, "the live figure showed %d frames" % len(states))
        broken = [src for src, loaded in self.page.images() if not loaded]
        self.assertEqual(broken, [], "images that did not load")

    def test_8_restart(self):
        page = self.page
        page.restart()
        cell = page.run_cell('fmt.Println("after the restart")')
        self.assertEqual(page.input_prompt(cell), "In [1]:")
        self.assertIn("after the restart", self.cell_text(cell))
        gone = page.run_cell("x")
        self.assertIn("undefined: x", self.cell_text(gone), "x survived the restart")


if __name__ == "__main__":
    unittest.main()
