#pragma once

#include "foundation/Error.h"

#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace Signet {

// A token being signed on a worker thread. Its owner polls isDone(): the one caller (the local
// server) already polls the ledger writer, so a signal would add a second wake-up for nothing.
class SignatureJob
{
public:
    [[nodiscard]] bool isDone() const { return m_done.load(std::memory_order_acquire); }
    // The signed token or why it could not be signed; only once isDone(), and only once.
    [[nodiscard]] Result<std::string> takeToken() { return std::move(m_token); }

private:
    friend class SignatureWorkers;
    std::atomic<bool> m_done{false};
    Result<std::string> m_token;
};

// The threads that sign for callers that must not block: an RSA signature is most of a token
// request's time, and made here it uses every core while the caller's thread goes on serving.
class SignatureWorkers
{
public:
    SignatureWorkers();
    ~SignatureWorkers(); // waits for the signatures under way
    SignatureWorkers(const SignatureWorkers&) = delete;
    SignatureWorkers& operator=(const SignatureWorkers&) = delete;

    // `sign` runs on a worker and must own everything it reads.
    std::shared_ptr<SignatureJob> start(std::function<Result<std::string>()> sign);

private:
    QThreadPool m_pool;
};

} // namespace Signet
