package kernel

import (
	"runtime"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// RepositoryURL is the project's home, linked from the kernel's help menu.
const RepositoryURL = "https://github.com/descentlab/descent"

type languageInfo struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	Mimetype          string `json:"mimetype"`
	FileExtension     string `json:"file_extension"`
	PygmentsLexer     string `json:"pygments_lexer"`
	CodemirrorMode    string `json:"codemirror_mode"`
	NbconvertExporter string `json:"nbconvert_exporter"`
}

type helpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

type kernelInfoReply struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          languageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []helpLink   `json:"help_links"`
	Debugger              bool         `json:"debugger"`
}

// docsURL is where pkg.go.dev documents the project's packages.
const docsURL = "https://pkg.go.dev/github.com/descentlab/descent"

// helpLinks are the kernel's entries in the front ends' Help menu.
func helpLinks() []helpLink {
	return []helpLink{
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
func kernelInfo(version, banner string) kernelInfoReply {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	if banner == "" {
		banner = "descent " + version + ": Go (interpreted by yaegi, go" + goVersion + ") for learning optimization.\n" +
			"The optimlib package is preloaded; see " + RepositoryURL + " for the lessons."
	}
	return kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        "descent",
		ImplementationVersion: version,
		LanguageInfo: languageInfo{
			Name:              "go",
			Version:           goVersion,
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
