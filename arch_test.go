package chronicle

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// goPackage is one directory's non-test Go files.
type goPackage struct {
	dir     string
	imports map[string]bool
	docs    int // files with a package doc comment
}

func loadPackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	pkgs := map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		p := pkgs[dir]
		if p == nil {
			p = &goPackage{dir: dir, imports: map[string]bool{}}
			pkgs[dir] = p
		}
		if f.Doc != nil {
			p.docs++
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			p.imports[ip] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func TestOnePackageDoc(t *testing.T) {
	for dir, p := range loadPackages(t) {
		if p.docs != 1 {
			t.Errorf("package %s has %d package doc comments, want exactly 1", dir, p.docs)
		}
	}
}

// TestDependencyRule enforces docs/architecture.md: cmd wires everything;
// pipeline, api and web use the stages and the store; extract and resolve
// read kb and never touch storage or the network; news is the standard
// library only.
func TestDependencyRule(t *testing.T) {
	forbidden := map[string][]string{
		"internal/news":     {"chronicle/", "github.com/", "golang.org/", "modernc.org/"},
		"internal/kb":       {"chronicle/internal/extract", "chronicle/internal/resolve", "chronicle/internal/store", "chronicle/internal/pipeline", "chronicle/internal/ingest", "net/http", "database/sql"},
		"internal/extract":  {"chronicle/internal/store", "chronicle/internal/pipeline", "chronicle/internal/resolve", "chronicle/internal/api", "chronicle/internal/web", "net/http", "database/sql", "modernc.org/"},
		"internal/resolve":  {"chronicle/internal/store", "chronicle/internal/pipeline", "chronicle/internal/extract", "chronicle/internal/api", "chronicle/internal/web", "net/http", "database/sql", "modernc.org/"},
		"internal/ingest":   {"chronicle/internal/store", "chronicle/internal/extract", "chronicle/internal/resolve", "chronicle/internal/link", "chronicle/internal/pipeline", "database/sql"},
		"internal/link":     {"chronicle/internal/pipeline", "chronicle/internal/api", "chronicle/internal/web", "net/http"},
		"internal/store":    {"chronicle/internal/ingest", "chronicle/internal/extract", "chronicle/internal/resolve", "chronicle/internal/pipeline", "chronicle/internal/api", "chronicle/internal/web"},
		"internal/pipeline": {"chronicle/internal/api", "chronicle/internal/web", "chronicle/cmd"},
	}
	for dir, p := range loadPackages(t) {
		// A package's own subfolders (generators, for example) follow the
		// rule of their parent.
		rules := forbidden[dir]
		for parent, r := range forbidden {
			if strings.HasPrefix(dir, parent+"/") && !strings.Contains(dir, "/gen") {
				rules = r
			}
		}
		for imp := range p.imports {
			if imp == "chronicle/internal/testkit" && dir != "internal/testkit" {
				t.Errorf("%s imports %s, which only tests may import", dir, imp)
			}
			for _, bad := range rules {
				if imp == bad || strings.HasPrefix(imp, bad) && (strings.HasSuffix(bad, "/") || strings.HasPrefix(imp, bad+"/")) {
					t.Errorf("%s imports %s, which the dependency rule forbids", dir, imp)
				}
			}
		}
	}
}
