#include "clicommands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>

using namespace Hookscope;

namespace {
const char Usage[] =
    "Usage: hookscope-cli COMMAND [OPTIONS]\n"
    "\n"
    "Capture, store and export webhook requests without the desktop window.\n"
    "\n"
    "Commands:\n"
    "  serve            run the capture endpoint (see: hookscope-cli serve --help)\n"
    "  list             list stored requests\n"
    "  show ID          print one stored request\n"
    "  export           export stored requests as JSON Lines or HAR 1.2\n"
    "  import FILE      import requests from JSON Lines or HAR\n"
    "  clear            delete stored requests (pinned ones are kept unless --all)\n"
    "  pin ID / unpin ID  exempt a request from retention and clear, or end that\n"
    "  label COLOR ID...  put a colour label on requests (red, green, ...; none)\n"
    "  verify [FILE]    check a request's webhook signature (GitHub, Stripe, Slack, ...)\n"
    "  sign [FILE]      sign a request afresh with a provider's scheme\n"
    "  resend ID...     send stored requests again (--to URL), edited or re-signed\n"
    "\n"
    "Every command takes --data-dir DIR (default: ~/.local/share/hookscope) and --help.\n"
    "Options:\n"
    "  --version        print the version\n"
    "  --help           print this help\n";
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe (| head) is a write error, not a crash

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        Cli::printError(QStringLiteral("no command given; try 'hookscope-cli --help'"));
        return Cli::UsageError;
    }
    const QString command = arguments.at(1);
    const QStringList rest = arguments.mid(1);
    if (command == u"--version" || command == u"-v") {
        Cli::printOut("hookscope-cli " HOOKSCOPE_VERSION "\n");
        return Cli::Success;
    }
    if (command == u"--help" || command == u"-h" || command == u"help") {
        Cli::printOut(Usage);
        return Cli::Success;
    }
    if (command == u"serve")
        return Cli::serve(rest);
    if (command == u"list")
        return Cli::list(rest);
    if (command == u"show")
        return Cli::show(rest);
    if (command == u"export")
        return Cli::exportRequests(rest);
    if (command == u"import")
        return Cli::importRequests(rest);
    if (command == u"clear")
        return Cli::clear(rest);
    if (command == u"pin")
        return Cli::pin(rest, true);
    if (command == u"unpin")
        return Cli::pin(rest, false);
    if (command == u"label")
        return Cli::label(rest);
    if (command == u"verify")
        return Cli::verify(rest);
    if (command == u"sign")
        return Cli::sign(rest);
    if (command == u"resend")
        return Cli::resend(rest);
    Cli::printError(QStringLiteral("unknown command '%1'; try 'hookscope-cli --help'").arg(command));
    return Cli::UsageError;
}
