package nbformat

import (
	"regexp"
	"strings"

	"github.com/google/uuid"
)

// validCellID is the pattern nbformat 4.5 requires of a cell id.
var validCellID = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// EnsureCellIDs gives every cell whose id is missing, invalid or a
// duplicate of an earlier cell's a new random id, as nbformat does when it
// upgrades a notebook to 4.5. It reports how many ids it changed.
func (nb *Notebook) EnsureCellIDs() int {
	seen := make(map[string]bool, len(nb.Cells))
	for _, c := range nb.Cells {
		if validCellID.MatchString(c.ID) {
			seen[c.ID] = true
		}
	}
	kept := make(map[string]bool, len(nb.Cells))
	changed := 0
	for _, c := range nb.Cells {
		if validCellID.MatchString(c.ID) && !kept[c.ID] {
			kept[c.ID] = true
			continue
		}
		id := newCellID()
		for seen[id] {
			id = newCellID()
		}
		seen[id], kept[id] = true, true
		c.ID = id
		changed++
	}
	return changed
}

// newCellID returns eight random hex digits, nbformat's form of a new id.
func newCellID() string {
	return strings.ReplaceAll(uuid.NewString(), "-", "")[:8]
}
