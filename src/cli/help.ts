export const LINT_HELP = `Usage: prefect-ecs-lint [options] [file|dir|glob ...]
       prefect-ecs-lint init [preset options]
       prefect-ecs-lint render [options] FILE
       prefect-ecs-lint transform NAME [options] FILE

Lint Prefect ECS work pool base job templates (and work pool objects) before
they reach AWS. With no file, lints the templates under the current folder.

Options:
  -f, --format NAME          Output format: stylish (default) or json
  --fix                      Apply safe fixes to the files
  --fix-dry-run              Compute fixes without writing; json shows "output"
  --rule ID:SEVERITY         Set a rule to off, info, warn (or warning) or
                             error; repeatable
  --report-info              Also report info-level diagnostics (severity 0)
  --job-variables FILE       A JSON object of job variables (one more scenario,
                             named after the file) or a prefect.yaml (one
                             scenario per deployment); repeatable
  --work-pool NAME           The pool a bare template belongs to: prefect.yaml
                             deployments of other pools are left out
  --target hybrid|push       The worker to assume (default: hybrid, or the work
                             pool's type)
  --prefect-aws VERSION      prefect-aws release of the hybrid worker, 0.3.1
                             or later (default 0.7.11)
  --max-warnings N           Exit with 1 when there are more than N warnings
  --quiet                    Report errors only
  --color, --no-color        Force or turn off colored output
  --stdin                    Lint the template read from standard input
  --stdin-filename NAME      The name shown for standard input in results
                             (default <stdin>)
  --no-error-on-non-template
                             Skip named files that are not templates instead
                             of exiting with 2 (the pre-commit hooks use it)
  --no-error-on-unmatched-pattern
                             Exit 0 when a folder, glob or missing path gives
                             no template, instead of exiting with 2
  -h, --help                 Show this help
  -v, --version              Show the version

Commands (each has its own --help):
  init                       Print the default ECS base job template, or a
                             preset of it (EC2, capacity providers, push)
  render                     Show the rendered configuration and the
                             RegisterTaskDefinition and RunTask requests the
                             worker would send, per scenario
  transform                  Rewrite a template with a named transform

Exit codes: 0 no errors and warnings within --max-warnings; 1 lint errors
(a parsing error counts) or too many warnings; 2 usage errors (a folder or
glob with no template is one), files that cannot be read or are not UTF-8,
and internal errors.

Rules and their documentation: docs/rules/ in the package.
`;
