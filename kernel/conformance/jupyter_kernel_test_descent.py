"""The jupyter_kernel_test suite run against the installed `descent` kernel.

Run by conformance_test.go with JUPYTER_PATH pointing at a kernelspec built
from this checkout; it can also be run by hand once `descent install` is done:

    /usr/bin/python3 -m unittest -v jupyter_kernel_test_descent
"""

import unittest

import jupyter_kernel_test as jkt
from jupyter_kernel_test.msgspec_v5 import validate_message

# Cells run once the kernel has started, before the tests: the completion
# and inspection samples use their variables, as a student's later cells do.
EARLIER_CELLS = [
    "learningRate := 0.05",
    "opt := optimlib.NewAdam(learningRate)",
]


class DescentKernelTests(jkt.KernelTests):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in EARLIER_CELLS:
            reply = cls.kc.execute_interactive(code, timeout=jkt.TIMEOUT, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError("earlier cell %r failed: %r" % (code, reply["content"]))

    kernel_name = "descent"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        {"text": "strings.ToUpp", "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "math.Hypo", "matches": {"Hypot"}},
        {"text": "optimlib.NewAdamW", "matches": {"NewAdamW"}},
        # A variable of an earlier cell, and the fields of its type.
        {"text": "learningR", "matches": {"learningRate"}},
        {"text": "opt.Bet", "matches": {"Beta1", "Beta2"}},
        # The type of a variable of the cell being typed.
        {"text": "res := optimlib.Minimize(optimlib.Rosenbrock(2), opt, []float64{0, 0}, 10)\nres.Trace.Los",
         "matches": {"Losses"}},
    ]

    complete_code_samples = ["1 + 2", 'fmt.Println("x")', "func f() int { return 1 }", "x := 3"]
    incomplete_code_samples = ["func f() int {", "for i := 0; i < 3; i++ {", "x := []int{1,"]
    invalid_code_samples = ["func )(", "x := := 3", "1 +* 2"]

    code_page_something = "?fmt.Println"

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"de" + "scent"', "result": "descent"},
        {"code": "math.Sqrt(16)", "result": "4"},
    ]

    code_display_data = [
        {"code": 'display.HTML("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.Markdown("*md*")', "mime": "text/markdown"},
        {"code": 'display.LaTeX("$x^2$")', "mime": "text/latex"},
        {"code": 'display.SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`)', "mime": "image/svg+xml"},
        {"code": "display.Show(image.NewRGBA(image.Rect(0, 0, 4, 4)))", "mime": "image/png"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 *"

    code_inspect_sample = "optimlib.NewAdam"

    code_clear_output = "display.Clear()"

    # Checks of our own, beyond the suite's samples.

    def reply_to(self, msg_id):
        reply = self.get_non_kernel_info_reply(timeout=jkt.TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        return reply

    def test_descent_inspect_shows_the_update_rule(self):
        self.flush_channels()
        code = "opt.Step"
        msg_id = self.kc.inspect(code, len(code))
        reply = self.reply_to(msg_id)
        validate_message(reply, "inspect_reply", msg_id)
        data = reply["content"]["data"]
        self.assertTrue(reply["content"]["found"])
        self.assertTrue(data["text/markdown"].startswith("```go\nfunc (o *Adam) Step(x, grad []float64)\n```"))
        # A variable shows the doc comment of its type: Adam's update rule.
        msg_id = self.kc.inspect("opt", 3)
        data = self.reply_to(msg_id)["content"]["data"]
        self.assertIn("m ← β₁·m + (1−β₁)·g", data["text/plain"])
        self.assertIn("Defaults (NewAdam): Beta1 β₁ = 0.9", data["text/markdown"])

    def test_descent_completion_kinds(self):
        self.flush_channels()
        code = "é := 1\nopt.Bet"  # é is one code point
        msg_id = self.kc.complete(code, len(code))
        content = self.reply_to(msg_id)["content"]
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (11, 14))
        types = content["metadata"]["_jupyter_types_experimental"]
        self.assertEqual([(t["text"], t["type"], t["start"], t["end"]) for t in types],
                         [("Beta1", "field", 11, 14), ("Beta2", "field", 11, 14)])

    def test_descent_is_complete_indent(self):
        self.flush_channels()
        msg_id = self.kc.is_complete("func f() {\n    for {")
        content = self.reply_to(msg_id)["content"]
        self.assertEqual((content["status"], content["indent"]), ("incomplete", "        "))


if __name__ == "__main__":
    unittest.main()
