#pragma once

#include <QLoggingCategory>

namespace Hookscope {
Q_DECLARE_LOGGING_CATEGORY(lcCapture)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcExchange)
} // namespace Hookscope
