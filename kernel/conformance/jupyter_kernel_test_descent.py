"""The jupyter_kernel_test suite run against the installed `descent` kernel.

Run by conformance_test.go with JUPYTER_PATH pointing at a kernelspec built
from this checkout; it can also be run by hand once `descent install` is done:

    /usr/bin/python3 -m unittest -v jupyter_kernel_test_descent
"""

import unittest

import jupyter_kernel_test as jkt


class DescentKernelTests(jkt.KernelTests):
    kernel_name = "descent"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        {"text": "strings.ToUpp", "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "math.Hypo", "matches": {"Hypot"}},
        {"text": "optimlib.NewAdamW", "matches": {"NewAdamW"}},
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

    code_inspect_sample = "fmt.Println"

    code_clear_output = "display.Clear()"


if __name__ == "__main__":
    unittest.main()
