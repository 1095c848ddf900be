#include "workspace/SignatureWorkers.h"

namespace Signet {

SignatureWorkers::SignatureWorkers()
{
    m_pool.setObjectName(QStringLiteral("signet-signers"));
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

SignatureWorkers::~SignatureWorkers()
{
    m_pool.waitForDone();
}

std::shared_ptr<SignatureJob> SignatureWorkers::start(std::function<Result<std::string>()> sign)
{
    auto job = std::make_shared<SignatureJob>();
    m_pool.start([job, sign = std::move(sign)] {
        job->m_token = sign();
        job->m_done.store(true, std::memory_order_release);
    });
    return job;
}

} // namespace Signet
