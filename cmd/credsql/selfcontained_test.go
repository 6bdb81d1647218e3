package main

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The project's docs and code comments are self-contained: what credsql relies on in the
// vendors' APIs and in go-mysql-server is written down in docs/ (docs/vendors/*.md,
// docs/gms.md, docs/schema-contract.md, docs/architecture.md), with public sources. Nothing
// points at the contract notes the project was started from, which live outside the
// repository, and every section a comment cites exists.

const repoRoot = "../.."

// outsideRef matches a reference to a file outside the repository: the shared contract tree
// (by its folder name, a relative path climbing out of the repository, or its specs and seeds
// folders) or an absolute path on the machine the project was written on. A path that merely
// contains such a segment (OpenZiti's source/shared/*.yml) is not one.
var outsideRef = regexp.MustCompile(`(\.\./)+shared\b|(^|[^/\w.-])shared/|/work/|(^|[^/\w.-])(specs|seeds)/`)

// pendingOutsideRefs are references in pages that other branches are rewriting at the time
// of writing; each is allowed only as written here, so that no new one slips in. Remove an
// entry when its page no longer needs it.
var pendingOutsideRefs = map[string][]string{}

// docFiles are README.md and every file under docs/.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	err := filepath.WalkDir(filepath.Join(repoRoot, "docs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(repoRoot, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// goComment is one comment of a Go file of the repository.
type goComment struct {
	file string
	line int
	text string
}

// goComments returns the comments of every Go file of the repository.
func goComments(t *testing.T) []goComment {
	t.Helper()
	var out []goComment
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != repoRoot && (strings.HasPrefix(n, ".") || n == "testdata" || n == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, p)
		fset := token.NewFileSet()
		f := fset.AddFile(rel, -1, len(src))
		var s scanner.Scanner
		s.Init(f, src, nil, scanner.ScanComments)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok == token.COMMENT {
				out = append(out, goComment{file: filepath.ToSlash(rel), line: fset.Position(pos).Line, text: lit})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d Go comments under %s: is the walk broken?", len(out), repoRoot)
	}
	return out
}

// outsideRefs returns the references to files outside the repository in text, one line each
// (n is the line number of text's first line), leaving out the allowed ones.
func outsideRefs(text string, n int, allowed []string) []string {
	var out []string
	for i, line := range strings.Split(text, "\n") {
		rest := line
		for _, a := range allowed {
			rest = strings.ReplaceAll(rest, a, "")
		}
		if m := outsideRef.FindString(rest); m != "" {
			out = append(out, strings.TrimSpace(m)+" at line "+strconv.Itoa(n+i)+": "+strings.TrimSpace(line))
		}
	}
	return out
}

func TestDocsAreSelfContained(t *testing.T) {
	t.Parallel()
	for _, f := range docFiles(t) {
		b, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range outsideRefs(string(b), 1, pendingOutsideRefs[f]) {
			t.Errorf("%s refers to a file outside the repository: %s; write what is needed into docs/ instead", f, r)
		}
	}
	for f := range pendingOutsideRefs {
		t.Logf("%s still has references outside the repository, allowed while another branch rewrites it: %v", f, pendingOutsideRefs[f])
	}
}

func TestCommentsAreSelfContained(t *testing.T) {
	t.Parallel()
	for _, c := range goComments(t) {
		for _, r := range outsideRefs(c.text, c.line, nil) {
			t.Errorf("%s: a comment refers to a file outside the repository: %s; cite docs/ instead", c.file, r)
		}
	}
}

// citation matches a section cited in a contract page: "okta.md §2.3", "okta.md §3.9–3.11",
// "okta.md §3.7 and §3.8", "gms.md §3", with or without the docs/ folder in front.
var citation = regexp.MustCompile(`\b(okta|ziti|opa|gms)\.md §[0-9]+(?:\.[0-9]+)*(?:(?:–|-|, §|,§| and §)[0-9]+(?:\.[0-9]+)*)*`)

var sectionNumber = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)*`)

// numberedHeading is a heading that starts with a section number: "## 2.3 Pagination",
// "## 1. Endpoints".
var numberedHeading = regexp.MustCompile(`(?m)^#{2,4} ([0-9]+(?:\.[0-9]+)*)\.? `)

// contractPages maps a cited page to its file.
var contractPages = map[string]string{
	"okta": "docs/vendors/okta.md",
	"ziti": "docs/vendors/ziti.md",
	"opa":  "docs/vendors/opa.md",
	"gms":  "docs/gms.md",
}

// sections returns the numbered headings of every contract page.
func sections(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	for page, f := range contractPages {
		b, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		out[page] = map[string]bool{}
		for _, m := range numberedHeading.FindAllStringSubmatch(string(b), -1) {
			out[page][m[1]] = true
		}
		if len(out[page]) == 0 {
			t.Fatalf("%s has no numbered section", f)
		}
	}
	return out
}

// unresolved returns the citations in text whose section does not exist.
func unresolved(text string, secs map[string]map[string]bool) []string {
	var out []string
	for _, m := range citation.FindAllString(text, -1) {
		page, _, _ := strings.Cut(m, ".md")
		for _, n := range sectionNumber.FindAllString(m[len(page)+len(".md"):], -1) {
			if !secs[page][n] {
				out = append(out, page+".md §"+n+" (in "+strings.TrimSpace(m)+")")
			}
		}
	}
	return out
}

func TestVendorCitationsResolve(t *testing.T) {
	t.Parallel()
	secs := sections(t)
	cited := map[string]bool{}
	for _, c := range goComments(t) {
		for _, m := range citation.FindAllString(c.text, -1) {
			cited[m] = true
		}
		for _, u := range unresolved(c.text, secs) {
			t.Errorf("%s:%d: the comment cites %s, which is no numbered heading of %s", c.file, c.line, u, contractPages[strings.Split(u, ".")[0]])
		}
	}
	for _, f := range docFiles(t) {
		b, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range unresolved(string(b), secs) {
			t.Errorf("%s cites %s, which is no numbered heading of %s", f, u, contractPages[strings.Split(u, ".")[0]])
		}
	}
	if len(cited) < 20 {
		keys := make([]string, 0, len(cited))
		for k := range cited {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("only %d distinct citations found in Go comments (%v): is the pattern broken?", len(cited), keys)
	}
}

// The checks catch what they are meant to.
func TestSelfContainedChecksCatch(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{
		"see shared/api/okta.md §2.3", "(shared/SCHEMA.md)", "../shared/DESIGN.md", "../../shared",
		"/work/shared/api/ziti.md", "the subset in specs/okta.openapi.yaml", "seeds/000_x.txt",
	} {
		if len(outsideRefs(bad, 1, nil)) == 0 {
			t.Errorf("%q is not caught", bad)
		}
	}
	for _, good := range []string{
		"docs/vendors/okta.md §2.3", "openziti/edge-api source/shared/authenticate.yml", "the shared contract",
	} {
		if r := outsideRefs(good, 1, nil); len(r) != 0 {
			t.Errorf("%q is caught: %v", good, r)
		}
	}
	secs := map[string]map[string]bool{"okta": {"2.3": true, "3.7": true, "3.9": true, "3.11": true}}
	if u := unresolved("okta.md §2.3, okta.md §3.7 and §3.8, okta.md §3.9–3.11", secs); len(u) != 1 || !strings.Contains(u[0], "§3.8") {
		t.Errorf("unresolved = %v, want only §3.8", u)
	}
}
