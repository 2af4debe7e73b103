package widgets

import (
	"strings"

	"github.com/descentlab/descent/kernel/display/comm"
)

// Dropdown picks one of a list of labels, like ipywidgets.Dropdown.
type Dropdown struct {
	domWidget
	options []string
	obs     observers[string]
}

// NewDropdown returns a dropdown named description over options, set at
// value (the first option when value is not one of them).
func NewDropdown(description string, options []string, value string) *Dropdown {
	opts := append([]string(nil), options...)
	index := any(nil)
	if len(opts) > 0 {
		index = 0
		for i, o := range opts {
			if o == value {
				index = i
				break
			}
		}
	}
	labels := make([]any, len(opts))
	for i, o := range opts {
		labels[i] = o
	}
	d := &Dropdown{options: opts}
	d.domWidget = newDOM("Dropdown", map[string]any{
		"description": description, "description_allow_html": false, "disabled": false,
		"_options_labels": labels, "index": index,
	}, nil, "DescriptionStyleModel", map[string]any{"description_width": "initial"})
	d.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["index"]; !ok {
			return nil
		}
		return d.obs.work(d.Value())
	}
	return d
}

// Index returns the position of the selected option, or -1 when there is
// none.
func (d *Dropdown) Index() int {
	i, ok := toInt(d.m.get("index"))
	if !ok || i < 0 || i >= len(d.options) {
		return -1
	}
	return i
}

// Value returns the selected option, or "" when there is none.
func (d *Dropdown) Value() string {
	if i := d.Index(); i >= 0 {
		return d.options[i]
	}
	return ""
}

// Options returns the options.
func (d *Dropdown) Options() []string { return append([]string(nil), d.options...) }

// SetValue selects the option value (nothing changes if it is not one) and
// calls the observers.
func (d *Dropdown) SetValue(value string) *Dropdown {
	for i, o := range d.options {
		if o == value {
			d.m.set(map[string]any{"index": i}, nil)
			d.obs.call(value)
			break
		}
	}
	return d
}

// Observe calls f with the selected option each time it changes (see
// FloatSlider.Observe).
func (d *Dropdown) Observe(f func(value string)) *Dropdown { d.obs.add(f); return d }

// Description returns the dropdown's name.
func (d *Dropdown) Description() string { return d.description() }

// String describes the dropdown: Dropdown(method = Adam).
func (d *Dropdown) String() string {
	return describe("Dropdown", d.Description(), d.Value()) + " of " + strings.Join(d.options, "|")
}

// MIMEBundle is the dropdown's display: the widget, and a text fallback.
func (d *Dropdown) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(d.ModelID(), d.String())
}

// Checkbox is a yes-or-no switch, like ipywidgets.Checkbox.
type Checkbox struct {
	domWidget
	obs observers[bool]
}

// NewCheckbox returns a checkbox named description, checked when value is
// true.
func NewCheckbox(description string, value bool) *Checkbox {
	c := &Checkbox{}
	c.domWidget = newDOM("Checkbox", map[string]any{
		"description": description, "description_allow_html": false, "disabled": false,
		"indent": true, "value": value,
	}, nil, "CheckboxStyleModel", map[string]any{"background": nil, "description_width": ""})
	c.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["value"]; !ok {
			return nil
		}
		return c.obs.work(c.Value())
	}
	return c
}

// Value reports whether the box is checked.
func (c *Checkbox) Value() bool {
	v, _ := c.m.get("value").(bool)
	return v
}

// SetValue checks or clears the box and calls the observers.
func (c *Checkbox) SetValue(v bool) *Checkbox {
	c.m.set(map[string]any{"value": v}, nil)
	c.obs.call(v)
	return c
}

// Observe calls f with the new value each time it changes (see
// FloatSlider.Observe).
func (c *Checkbox) Observe(f func(value bool)) *Checkbox { c.obs.add(f); return c }

// Description returns the checkbox's name.
func (c *Checkbox) Description() string { return c.description() }

// String describes the checkbox: Checkbox(log scale = true).
func (c *Checkbox) String() string { return describe("Checkbox", c.Description(), c.Value()) }

// MIMEBundle is the checkbox's display: the widget, and a text fallback.
func (c *Checkbox) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(c.ModelID(), c.String())
}
