#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace Hookscope {

// Runs work on the global thread pool and hands its result to done on context's thread, unless context is gone.
// A QFutureWatcher owned by context delivers the result: sturdier than QFuture::then(context, ...), whose
// continuation was seen not to run now and then with Qt 6.4 when the work had already finished. The result is moved
// out of the future (takeResult), so done may take it by value and keep a large list without it being shared.
template<typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using Value = decltype(work());
    auto *watcher = new QFutureWatcher<Value>(context);
    QObject::connect(watcher, &QFutureWatcher<Value>::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         done(watcher->future().takeResult());
                         watcher->deleteLater();
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace Hookscope
