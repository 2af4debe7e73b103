package kernel

import (
	"go/version"
	"runtime"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// RepositoryURL is the project's home, linked from the kernel's help menu.
const RepositoryURL = "https://github.com/descentlab/descent"

// docsURL is where pkg.go.dev documents the project's packages.
const docsURL = "https://pkg.go.dev/github.com/descentlab/descent"

// helpLinks are the kernel's entries in the front ends' Help menu.
func helpLinks() []messages.HelpLink {
	return []messages.HelpLink{
		{Text: "descent lessons", URL: RepositoryURL + "/tree/main/notebooks"},
		{Text: "optimlib reference", URL: docsURL + "/optimlib"},
		{Text: "figure reference (optimlib/figure)", URL: docsURL + "/optimlib/figure"},
		{Text: "display reference (rich output)", URL: docsURL + "/kernel/display"},
		{Text: "Go language specification", URL: "https://go.dev/ref/spec"},
		{Text: "yaegi, the Go interpreter (README)", URL: "https://github.com/traefik/yaegi/blob/master/README.md"},
	}
}

// kernelInfo is the content of kernel_info_reply for a kernel of the given
// version.
func kernelInfo(version, banner string) messages.KernelInfoReply {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	if banner == "" {
		banner = "descent " + version + ": Go (interpreted by yaegi, go" + goVersion + ") for learning optimization.\n" +
			"The optimlib package is preloaded; see " + RepositoryURL + " for the lessons."
	}
	return messages.KernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        "descent",
		ImplementationVersion: version,
		LanguageInfo: messages.LanguageInfo{
			Name:              "go",
			Version:           languageVersion(runtime.Version()),
			Mimetype:          "text/x-go",
			FileExtension:     ".go",
			PygmentsLexer:     "go",
			CodemirrorMode:    "go",
			NbconvertExporter: "script",
		},
		Banner:    banner,
		HelpLinks: helpLinks(),
	}
}

// languageVersion is the Go language version, major.minor ("1.26"), of a
// toolchain version as runtime.Version reports it ("go1.26.8"). It is
// language_info.version, which Notebook stores in every notebook and
// compares with the kernel's when it opens one: without the patch level, a
// lesson saved under go1.26.8 still opens unmodified under go1.26.9. A
// version go/version cannot read (a development build) is kept whole.
func languageVersion(toolchain string) string {
	if lang := version.Lang(toolchain); lang != "" {
		return strings.TrimPrefix(lang, "go")
	}
	return strings.TrimPrefix(toolchain, "go")
}
