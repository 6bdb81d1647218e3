package config

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// keyErrors rewrites yaml.v3's type errors, which name Go types ("cannot unmarshal !!str `x`
// into config.userEntry"), into ones that name the YAML key and what it should hold
// ("line 3: server.users[0]: a mapping (name:, password_env:, ...) is expected, not "x"").
// It walks the document alongside the Go type target decodes into; err is returned as is when
// it is no type error or the walk finds nothing.
func keyErrors(b []byte, target reflect.Type, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil || len(doc.Content) == 0 {
		return err
	}
	var msgs []string
	walkYAML(doc.Content[0], target, "", &msgs)
	if len(msgs) == 0 {
		return err
	}
	return errors.New(strings.Join(msgs, "; "))
}

func walkYAML(n *yaml.Node, t reflect.Type, path string, msgs *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	where := path
	if where == "" {
		where = "the top level"
	}
	bad := func(want string) {
		got := n.Value
		switch n.Kind {
		case yaml.MappingNode:
			got = "a mapping"
		case yaml.SequenceNode:
			got = "a list"
		default:
			got = strconv.Quote(got)
		}
		*msgs = append(*msgs, fmt.Sprintf("line %d: %s: %s is expected, not %s", n.Line, where, want, got))
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			bad("a mapping (" + strings.Join(yamlKeys(t), ", ") + ")")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if f, ok := yamlField(t, key); ok {
				walkYAML(n.Content[i+1], f.Type, join(path, key), msgs)
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			bad("a list")
			return
		}
		for i, c := range n.Content {
			walkYAML(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), msgs)
		}
	case reflect.Bool:
		var v bool
		if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
			bad("true or false")
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		var v int64
		if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
			bad("a whole number")
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			bad("a string")
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// yamlField finds the field of struct t whose yaml tag is key.
func yamlField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// yamlKeys lists the first keys of struct t, for a message.
func yamlKeys(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField() && len(out) < 4; i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && name != "-" {
			out = append(out, name+":")
		}
	}
	if t.NumField() > len(out) {
		out = append(out, "...")
	}
	return out
}
