// Package chronicle is the root of the Chronicle module. It holds no code:
// the command is cmd/chronicle and the pipeline stages are the packages
// under internal/ (see docs/architecture.md). Its tests check the rules
// that span packages: the dependency rule and one doc comment per package.
package chronicle
