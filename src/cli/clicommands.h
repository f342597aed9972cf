#pragma once

#include <QStringList>

namespace Hookscope::Cli {

// Exit codes shared by every command.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

// Each command takes its own arguments (the command name first) and returns the process exit code.
int serve(const QStringList &arguments);
int list(const QStringList &arguments);
int show(const QStringList &arguments);
int exportRequests(const QStringList &arguments);
int importRequests(const QStringList &arguments);
int clear(const QStringList &arguments);
int pin(const QStringList &arguments, bool pinned);

// Helpers shared by the commands.
void printError(const QString &message);
// Writes to standard output; false when the output cannot be written (full disk, closed pipe).
bool printOut(const QByteArray &bytes);
// Parses "1048576", "64k", "64KiB", "10M", "1G" into bytes; -1 when invalid.
qint64 parseByteSize(const QString &text);
// Parses "3600", "90s", "30m", "12h", "7d" into seconds; -1 when invalid.
qint64 parseDuration(const QString &text);

} // namespace Hookscope::Cli
