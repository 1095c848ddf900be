#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"

#include <QTest>

#include <limits>

using namespace Signet;

namespace {
std::string sv(const QByteArray& bytes)
{
    return bytes.toStdString();
}
} // namespace

class StrictJsonTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("canonical");
        QTest::newRow("object") << QByteArray("{ \"a\" : 1 , \"b\":[true,false,null] }")
                                << QByteArray("{\"a\":1,\"b\":[true,false,null]}");
        QTest::newRow("nested") << QByteArray("{\"a\":{\"b\":{\"c\":[]}}}") << QByteArray("{\"a\":{\"b\":{\"c\":[]}}}");
        QTest::newRow("escapes") << QByteArray("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")
                                 << QByteArray("\"\\\"\\\\/\\b\\f\\n\\r\\t\"");
        QTest::newRow("unicode escape") << QByteArray("\"\\u00e9\\u20ac\"") << QByteArray("\"\xC3\xA9\xE2\x82\xAC\"");
        QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\ude00\"") << QByteArray("\"\xF0\x9F\x98\x80\"");
        QTest::newRow("raw UTF-8") << QByteArray("\"caf\xC3\xA9\"") << QByteArray("\"caf\xC3\xA9\"");
        QTest::newRow("control escaped on output") << QByteArray("\"\\u0001\"") << QByteArray("\"\\u0001\"");
        QTest::newRow("negative zero") << QByteArray("-0") << QByteArray("0");
        QTest::newRow("fraction") << QByteArray("1.5") << QByteArray("1.5");
        QTest::newRow("exponent") << QByteArray("1e3") << QByteArray("1000");
        QTest::newRow("big integer") << QByteArray("9007199254740993") << QByteArray("9007199254740993");
        QTest::newRow("whitespace around") << QByteArray(" \t\r\n{}\n") << QByteArray("{}");
    }
    void accepts()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, canonical);
        const auto value = StrictJson::parse(sv(json));
        QVERIFY2(value, value ? "" : qPrintable(value.error().describe()));
        QCOMPARE(QByteArray::fromStdString(JsonWriter::write(*value)), canonical);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("offset");
        QTest::newRow("duplicate name") << QByteArray("{\"a\":1,\"a\":2}")
                                        << QStringLiteral("duplicate member name \"a\"") << 7;
        QTest::newRow("duplicate after escape")
            << QByteArray("{\"a\":1,\"\\u0061\":2}") << QStringLiteral("duplicate") << 7;
        QTest::newRow("duplicate nested")
            << QByteArray("{\"x\":{\"b\":1,\"b\":1}}") << QStringLiteral("duplicate") << 12;
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}") << QStringLiteral("byte order mark") << 0;
        QTest::newRow("overlong UTF-8") << QByteArray("\"\xC0\xAF\"") << QStringLiteral("invalid UTF-8") << 1;
        QTest::newRow("encoded surrogate") << QByteArray("\"\xED\xA0\x80\"") << QStringLiteral("invalid UTF-8") << 1;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\"\xF4\x90\x80\x80\"") << QStringLiteral("invalid UTF-8") << 1;
        QTest::newRow("truncated UTF-8") << QByteArray("\"\xE2\x82\"") << QStringLiteral("UTF-8") << 1;
        QTest::newRow("lone continuation") << QByteArray("\"\x80\"") << QStringLiteral("invalid UTF-8") << 1;
        QTest::newRow("lone high surrogate") << QByteArray("\"\\ud83d\"") << QStringLiteral("surrogate") << 1;
        QTest::newRow("lone low surrogate") << QByteArray("\"\\ude00\"") << QStringLiteral("surrogate") << 1;
        QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << QStringLiteral("member name") << 7;
        QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("member name") << 1;
        QTest::newRow("leading zero") << QByteArray("01") << QStringLiteral("leading zeros") << 0;
        QTest::newRow("plus sign") << QByteArray("+1") << QStringLiteral("unexpected character") << 0;
        QTest::newRow("NaN") << QByteArray("NaN") << QStringLiteral("unexpected character") << 0;
        QTest::newRow("huge number") << QByteArray("1e400") << QStringLiteral("out of range") << 0;
        QTest::newRow("bare dot") << QByteArray("1.") << QStringLiteral("decimal point") << 2;
        QTest::newRow("raw control character") << QByteArray("\"a\tb\"") << QStringLiteral("control character") << 2;
        QTest::newRow("bad escape") << QByteArray("\"\\x41\"") << QStringLiteral("invalid escape") << 1;
        QTest::newRow("unterminated string") << QByteArray("\"abc") << QStringLiteral("unterminated string") << 0;
        QTest::newRow("trailing data") << QByteArray("{} {}") << QStringLiteral("after the JSON value") << 3;
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("unexpected end") << 0;
        QTest::newRow("comment") << QByteArray("{/*x*/}") << QStringLiteral("member name") << 1;
    }
    void rejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QFETCH(int, offset);
        const auto value = StrictJson::parse(sv(json));
        QVERIFY(!value);
        QVERIFY2(value.error().reason.contains(reason), qPrintable(value.error().describe()));
        QCOMPARE(value.error().offset, qsizetype(offset));
        QVERIFY(value.error().describe().contains(QStringLiteral("at byte")));
    }

    void duplicatesInLargeObjects()
    {
        std::string json = "{";
        for (int i = 0; i < 500; ++i)
            json += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
        const std::string unique = json.substr(0, json.size() - 1) + "}";
        QVERIFY(StrictJson::parse(unique));
        const auto duplicate = StrictJson::parse(json + "\"k250\":0}");
        QVERIFY(!duplicate);
        QVERIFY(duplicate.error().reason.contains(QStringLiteral("\"k250\"")));
    }

    void depthIsCapped()
    {
        const std::string ok = std::string(32, '[') + std::string(32, ']');
        QVERIFY(StrictJson::parse(ok));
        const std::string deep = std::string(33, '[') + std::string(33, ']');
        QVERIFY(!StrictJson::parse(deep));
        std::string hostile;
        for (int i = 0; i < 100000; ++i)
            hostile += "{\"a\":";
        const auto result = StrictJson::parse(hostile);
        QVERIFY(!result);
        QVERIFY(result.error().reason.contains(QStringLiteral("nested deeper")));
    }

    void parseObjectWantsAnObject()
    {
        QVERIFY(StrictJson::parseObject("{}"));
        for (const char* text : {"[]", "1", "\"s\"", "null"}) {
            const auto result = StrictJson::parseObject(text);
            QVERIFY(!result);
            QVERIFY(result.error().reason.contains(QStringLiteral("not an object")));
        }
    }

    void valuesKeepOrderAndTypes()
    {
        const auto value = StrictJson::parse("{\"z\":1,\"a\":\"x\",\"m\":1.25,\"n\":null,\"t\":true}");
        QVERIFY(value);
        QCOMPARE(value->members().front().first, std::string("z"));
        QVERIFY(value->find("z")->isInteger());
        QCOMPARE(value->find("z")->asInteger(), std::int64_t(1));
        QCOMPARE(value->find("a")->asString(), std::string("x"));
        QCOMPARE(value->find("m")->asNumber(), 1.25);
        QVERIFY(!value->find("m")->isInteger());
        QVERIFY(value->find("n")->isNull());
        QVERIFY(value->find("t")->asBool());
        QVERIFY(!value->find("missing"));
        // Qt conversion keeps the values.
        const QJsonValue qt = value->toQt();
        QCOMPARE(qt[QLatin1String("a")].toString(), QStringLiteral("x"));
        QCOMPARE(JsonValue::fromQt(qt).find("m")->asNumber(), 1.25);
    }

    // The flat Document is the same parse: same values, same refusals, and it can be reused.
    void documentMatchesTheTree_data() { accepts_data(); }
    void documentMatchesTheTree()
    {
        QFETCH(QByteArray, json);
        const std::string text = sv(json);
        StrictJson::Document document;
        const auto root = StrictJson::parseInto(text, document);
        QVERIFY(root);
        QVERIFY(root->toJsonValue() == *StrictJson::parse(text));
    }

    void documentRefusesWhatParseRefuses_data() { rejects_data(); }
    void documentRefusesWhatParseRefuses()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, offset);
        StrictJson::Document document;
        const auto root = StrictJson::parseInto(sv(json), document);
        QVERIFY(!root);
        QCOMPARE(root.error().offset, qsizetype(offset));
        QCOMPARE(root.error().reason, StrictJson::parse(sv(json)).error().reason);
        QVERIFY(!document.root());
    }

    void documentNodes()
    {
        // Escaped strings are decoded into the document's buffer; earlier views stay valid.
        const std::string text = R"({"a\u0062":"x\ny","n":-12,"f":2.5,"t":true,"z":null,"l":["p","q\u00e9"],"o":{}})";
        StrictJson::Document document;
        for (int reuse = 0; reuse < 3; ++reuse) {
            const auto root = StrictJson::parseObjectInto(text, document);
            QVERIFY(root);
            QCOMPARE(root->size(), std::size_t(7));
            QCOMPARE(root->find("ab").asString(), std::string_view("x\ny"));
            QVERIFY(root->find("n").isInteger());
            QCOMPARE(root->find("n").asInteger(), std::int64_t(-12));
            QCOMPARE(root->find("f").asNumber(), 2.5);
            QVERIFY(root->find("t").asBool());
            QVERIFY(root->find("z").isNull());
            QVERIFY(root->find("z"));
            QVERIFY(!root->find("missing"));
            QVERIFY(!root->find("missing").isString());
            std::vector<std::string_view> items;
            for (StrictJson::Node item : root->find("l").children())
                items.push_back(item.asString());
            QCOMPARE(items, (std::vector<std::string_view>{"p", "q\xC3\xA9"}));
            QVERIFY(root->find("o").isObject());
            QCOMPARE(root->find("o").size(), std::size_t(0));
            std::vector<std::string_view> names;
            for (StrictJson::Node member : root->children())
                names.push_back(member.name());
            QCOMPARE(names, (std::vector<std::string_view>{"ab", "n", "f", "t", "z", "l", "o"}));
        }
        QVERIFY(!StrictJson::parseObjectInto("[1]", document));
        QVERIFY(!document.root());
    }

    void integersAtTheEdges_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("integer");
        QTest::addColumn<qint64>("value");
        QTest::newRow("NumericDate") << QByteArray("1800000000") << true << qint64(1800000000);
        QTest::newRow("18 digits") << QByteArray("999999999999999999") << true << qint64(999999999999999999);
        QTest::newRow("-18 digits") << QByteArray("-999999999999999999") << true << qint64(-999999999999999999);
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << std::numeric_limits<qint64>::max();
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << true << std::numeric_limits<qint64>::min();
        QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << false << qint64(0);
        QTest::newRow("minus zero") << QByteArray("-0") << true << qint64(0);
    }
    void integersAtTheEdges()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, integer);
        QFETCH(qint64, value);
        const auto parsed = StrictJson::parse(sv(json));
        QVERIFY(parsed);
        QCOMPARE(parsed->isInteger(), integer);
        if (integer)
            QCOMPARE(parsed->asInteger(), value);
        else
            QCOMPARE(parsed->asNumber(), 9223372036854775808.0);
    }

    void indentedWriter()
    {
        const auto value = StrictJson::parse("{\"a\":[1,{\"b\":null}],\"c\":{}}");
        QCOMPARE(QString::fromStdString(JsonWriter::write(*value, JsonWriter::Style::Indented)),
                 QStringLiteral("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}"));
    }
};

QTEST_GUILESS_MAIN(StrictJsonTest)
#include "tst_strictjson.moc"
