#pragma once

#include "units.h"

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
int label(const QStringList &arguments);
int verify(const QStringList &arguments);
int sign(const QStringList &arguments);
int resend(const QStringList &arguments);

// Helpers shared by the commands.
void printError(const QString &message);
// Request ids given as arguments: positive numbers. On the first that is not, says so and returns false.
bool parseIds(const QStringList &texts, QList<qint64> *ids);
// Writes to standard output; false when the output cannot be written (full disk, closed pipe).
bool printOut(const QByteArray &bytes);

} // namespace Hookscope::Cli
