#include "support/TestSupport.h"

#include <QFile>

namespace Signet::Test {

QString dataPath(const QString& relative)
{
    return QStringLiteral(SIGNET_TEST_DATA "/") + relative;
}

QByteArray readData(const QString& relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data file %s", qPrintable(file.fileName()));
    return file.readAll();
}

QJsonDocument readJson(const QString& relative)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(readData(relative), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test data %s is not JSON: %s", qPrintable(relative), qPrintable(error.errorString()));
    return document;
}

} // namespace Signet::Test
