#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace Hookscope {

enum class ErrorCode {
    None,
    InvalidArgument,
    Io,
    StoreFailure,
    StoreFull,
    Parse,
    NotFound,
    AddressInUse,
    Network,
};

struct Error {
    ErrorCode code = ErrorCode::None;
    QString message; // translated, shown to the user as is
};

// The outcome of a core operation: a value or an error with a user-facing message. No exceptions cross Qt code.
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const Error &error() const { return m_error; }
    const QString &errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_ok(false), m_error(std::move(error)) {}

    bool isOk() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }
    const QString &errorMessage() const { return m_error.message; }

private:
    bool m_ok = true;
    Error m_error;
};

inline Error makeError(ErrorCode code, const QString &message)
{
    return Error{code, message};
}

} // namespace Hookscope
