package repl

import (
	"regexp"
	"strings"
	"sync"

	"github.com/credsql/credsql/internal/tables"
)

// secretWords mark a statement that may carry a secret: the registry's sensitive columns,
// secret procedure parameters and the procedures taking them, credential names of the
// configuration, and the words of mysql's own histignore default (*IDENTIFIED*:*PASSWORD*).
var secretWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{"password": true, "identified": true, "secret": true, "key_secret": true, "token": true}
	for _, d := range tables.All() {
		m := d.Meta()
		for _, c := range m.Columns {
			if c.Sensitive {
				words[strings.ToLower(c.Name)] = true
			}
		}
		for _, p := range m.Procedures {
			for _, a := range p.Params {
				if a.Secret {
					words[strings.ToLower(a.Name)] = true
					words[strings.ToLower(p.FullName)] = true
					words[strings.ToLower(p.Table+"."+p.Name)] = true
				}
			}
		}
	}
	return words
})

var word = regexp.MustCompile(`[a-z0-9_$]+(?:\.[a-z0-9_$]+)*`)

// holdsSecret reports whether stmt names a secret-bearing column, parameter or procedure,
// anywhere (a qualified name, a string): such a statement is kept out of the history.
func holdsSecret(stmt string) bool {
	words := secretWords()
	for _, w := range word.FindAllString(strings.ToLower(strings.ReplaceAll(stmt, "`", "")), -1) {
		if words[w] {
			return true
		}
		if strings.Contains(w, ".") {
			for _, part := range strings.Split(w, ".") {
				if words[part] {
					return true
				}
			}
		}
	}
	return false
}
