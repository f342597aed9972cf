#include "logging.h"

namespace Hookscope {
Q_LOGGING_CATEGORY(lcCapture, "hookscope.capture", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "hookscope.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExchange, "hookscope.exchange", QtWarningMsg)
} // namespace Hookscope
