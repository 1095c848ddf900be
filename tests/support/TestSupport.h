#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

namespace Signet::Test {

// Path of a file under tests/data.
QString dataPath(const QString& relative);
QByteArray readData(const QString& relative);
// Trusted test data: parsed with Qt's JSON reader.
QJsonDocument readJson(const QString& relative);

} // namespace Signet::Test
