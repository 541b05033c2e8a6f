// Command loyaltydesk is a terminal app for the staff of shops that run a
// customer-loyalty program: cashiers look customers up at scanner speed,
// back-office staff enrol, import and watch the dashboard, locally or over
// SSH. `loyaltydesk demo` runs it all against a built-in fake server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

var version = "0.1.0-dev"

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "run the app with your configuration (the default)", runCommand},
		{"setup", "set up this station: ask for the service's details, try them, save a profile", setupCommand},
		{"demo", "run the app against a built-in fake server with live activity", demoCommand},
		{"serve", "serve the app over SSH to the staff keys in an authorized-keys file", serveCommand},
		{"import", "import customers from a CSV file without the app (for cron)", importCommand},
		{"sync", "import the customers changed in Imonggo since the last sync (for cron)", syncCommand},
		{"fake-server", "serve the fake loyalty API (and Imonggo API) for tests and trials", fakeServerCommand},
		{"version", "print the version", versionCommand},
	}
}

func main() {
	if err := dispatch(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "loyaltydesk:", printable(err.Error()))
		}
		os.Exit(exitCode(err))
	}
}

// exitError carries a specific exit code (rejected rows in a headless
// import, say) with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "--help", "-help":
			usage(stdout)
			return nil
		}
		for _, c := range commands() {
			if args[0] == c.name {
				return c.run(args[1:], stdout, stderr)
			}
		}
		if args[0] != "" && args[0][0] != '-' {
			usage(stderr)
			return fmt.Errorf("unknown command %q", args[0])
		}
	}
	return runCommand(args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: loyaltydesk [command] [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `loyaltydesk COMMAND --help` for a command's flags. Try `loyaltydesk demo` first.")
}

func versionCommand(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("version", "print the version", stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "loyaltydesk", version)
	return nil
}

// newFlagSet returns a flag set whose --help prints a heading and the flags.
func newFlagSet(name, summary string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: loyaltydesk %s [flags]\n\n%s.\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// demoUserAgent names the demo's clients in the fake server's log.
var demoUserAgent = "loyaltydesk/" + version + " (demo)"

// untilInterrupted is a context that ends on Ctrl-C or SIGTERM.
func untilInterrupted() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
