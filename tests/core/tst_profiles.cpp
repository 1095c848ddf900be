// Provider profiles: the built-in files load, each provider's rules hold (typed values, allowed
// values, ranges, requirements, defaults), and a broken profile file is refused with where it is.

#include "profiles/ProfileCatalog.h"
#include "profiles/ProfileFile.h"
#include "profiles/ProfileRules.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet;

namespace {

const Profile& profile(const char* name)
{
    auto found = ProfileCatalog::builtIn().find(QString::fromLatin1(name));
    if (!found)
        qFatal("%s", qPrintable(found.error().message));
    return **found;
}

Result<ProfiledToken> apply(const char* name, QList<ProfileInput> inputs, ProfileOverrides overrides = {})
{
    return applyProfile(profile(name), inputs, overrides);
}

ProfileInput in(const char* field, const char* text)
{
    return {QString::fromLatin1(field), QString::fromUtf8(text)};
}

QStringList names(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* name : list)
        result.append(QString::fromUtf8(name));
    return result;
}

QStringList strings(const JsonValue* value)
{
    QStringList list;
    if (value && value->isArray()) {
        for (const JsonValue& item : value->items())
            list.append(QString::fromStdString(item.asString()));
    }
    return list;
}

// The profile's error, or a failure message when it was accepted.
QString errorOf(const Result<ProfiledToken>& result)
{
    return result ? QStringLiteral("(accepted)") : result.error().message;
}

} // namespace

class ProfilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInProfiles()
    {
        QStringList found;
        for (const Profile& each : ProfileCatalog::builtIn().profiles())
            found.append(each.name);
        found.sort();
        QCOMPARE(found, names({"api-video", "generic-oidc", "stack-auth", "transcodes", "videosdk", "vocalstack"}));
        QCOMPARE(profile("transcodes").algorithm, Algorithm::RS256);
        QCOMPARE(profile("transcodes").issuer, std::optional<QString>(QStringLiteral("https://api.transcodes.io")));
        QCOMPARE(profile("stack-auth").algorithm, Algorithm::ES256);
        QCOMPARE(profile("stack-auth").audience, std::optional<QString>(QStringLiteral("{project}")));
        QCOMPARE(profile("videosdk").signer, ProfileSigner::ApiKeySecret);
        QVERIFY(!profile("videosdk").issuer && !profile("videosdk").audience && !profile("videosdk").subject);
        QCOMPARE(profile("api-video").lifetime.defaultSeconds, 3600);
        const auto unknown = ProfileCatalog::builtIn().find(QStringLiteral("auth0"));
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QStringLiteral("videosdk")), qPrintable(unknown.error().message));
    }

    void vocalStackDefaultsAndRules()
    {
        auto token = apply("vocalstack", {});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QCOMPARE(token->lifetime, 10);
        QVERIFY(token->oneTime);
        QCOMPARE(QString::fromStdString(token->claims.find("access")->asString()), QStringLiteral("readonly"));

        token = apply("vocalstack", {in("access", "readwrite"), in("lifetime_s", "60"), in("one_time", "false")});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QCOMPARE(token->lifetime, 60);
        QVERIFY(!token->oneTime);
        QVERIFY(!token->claims.contains("lifetime_s") && !token->claims.contains("one_time"));

        QCOMPARE(errorOf(apply("vocalstack", {in("lifetime_s", "121")})),
                 QStringLiteral("vocalstack: lifetime_s is at most 120; 121 is above it"));
        QCOMPARE(errorOf(apply("vocalstack", {in("lifetime_s", "0")})),
                 QStringLiteral("vocalstack: lifetime_s is at least 1; 0 is below it"));
        QCOMPARE(errorOf(apply("vocalstack", {in("lifetime_s", "ten")})),
                 QStringLiteral("vocalstack: lifetime_s is an integer; 'ten' is not"));
        QCOMPARE(errorOf(apply("vocalstack", {in("access", "readonly,readwrite")})),
                 QStringLiteral("vocalstack: access takes one value (readonly, readwrite), not several"));
        QCOMPARE(errorOf(apply("vocalstack", {in("access", "admin")})),
                 QStringLiteral("vocalstack: access takes readonly, readwrite; 'admin' is not one of them"));
        QCOMPARE(errorOf(apply("vocalstack", {in("lifetime_s", "30")}, {60, {}})),
                 QStringLiteral("vocalstack: lifetime_s is the lifetime: give it or --ttl, not both"));
        QCOMPARE(errorOf(apply("vocalstack", {}, {200, {}})),
                 QStringLiteral("vocalstack: a token lives 1 to 120 seconds; 200 is outside"));
    }

    void videoSdkDefaultsAndRules()
    {
        auto token = apply("videosdk", {});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QCOMPARE(strings(token->claims.find("permissions")), names({"allow_join"}));
        QCOMPARE(token->lifetime, 7200);
        QVERIFY(!token->claims.contains("version") && !token->claims.contains("apikey"));

        token = apply("videosdk", {in("permissions", "allow_join,allow_mod"), in("version", "2"), in("roomId", "1234"),
                                   in("roles", "rtc"), in("roles", "crawler")});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QCOMPARE(strings(token->claims.find("permissions")), names({"allow_join", "allow_mod"}));
        QCOMPARE(token->claims.find("version")->asInteger(), 2);
        QVERIFY(token->claims.find("roomId")->isString()); // "1234" stays a string
        QCOMPARE(QString::fromStdString(token->claims.find("roomId")->asString()), QStringLiteral("1234"));
        QCOMPARE(strings(token->claims.find("roles")), names({"rtc", "crawler"}));

        QCOMPARE(errorOf(apply("videosdk", {in("roles", "rtc")})), QStringLiteral("videosdk: roles needs version 2"));
        QCOMPARE(errorOf(apply("videosdk", {in("roomId", "r1")})), QStringLiteral("videosdk: roomId needs version 2"));
        QCOMPARE(errorOf(apply("videosdk", {in("version", "3")})),
                 QStringLiteral("videosdk: version is at most 2; 3 is above it"));
        QCOMPARE(
            errorOf(apply("videosdk", {in("permissions", "allow_join,allow_all")})),
            QStringLiteral("videosdk: permissions takes allow_join, ask_join, allow_mod; 'allow_all' is not one of "
                           "them"));
        QCOMPARE(errorOf(apply("videosdk", {in("version", "2"), in("roles", "admin")})),
                 QStringLiteral("videosdk: roles takes crawler, rtc; 'admin' is not one of them"));
        QVERIFY(errorOf(apply("videosdk", {in("apikey", "k1")})).contains(QStringLiteral("--api-key")));
        QCOMPARE(errorOf(apply("videosdk", {in("version", "2"), in("version", "2")})),
                 QStringLiteral("videosdk: version is given twice"));
        const QString unknown = errorOf(apply("videosdk", {in("room", "x")}));
        QVERIFY2(unknown.startsWith(QStringLiteral("videosdk has no field 'room'; its fields: apikey, permissions")),
                 qPrintable(unknown));
        // A list as JSON works too; a malformed one is named.
        QVERIFY(apply("videosdk", {in("permissions", R"(["ask_join"])")}));
        QVERIFY(errorOf(apply("videosdk", {in("permissions", "[1]")})).contains(QStringLiteral("list of strings")));
    }

    void lifetimeBoundsAndOverrides()
    {
        auto token = apply("api-video", {}, {1800, {}});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QCOMPARE(token->lifetime, 1800);
        QCOMPARE(errorOf(apply("api-video", {}, {7200, {}})),
                 QStringLiteral("api-video: a token lives 1 to 3600 seconds; 7200 is outside"));
        token = apply("transcodes", {in("email", "ada@example.com")}, {{}, true});
        QVERIFY2(token, qPrintable(errorOf(token)));
        QVERIFY(token->oneTime);
        QCOMPARE(QString::fromStdString(token->claims.find("email")->asString()), QStringLiteral("ada@example.com"));
    }

    void claimsAreExplainedInTheProvidersTerms()
    {
        JsonValue permissions = JsonValue::array();
        permissions.items().push_back(JsonValue::string("allow_mod"));
        const QStringList lines = explainClaim(profile("videosdk"), QStringLiteral("permissions"), permissions);
        QCOMPARE(lines, names({"allow_mod: may toggle other participants' webcam and mic"}));
        QCOMPARE(explainClaim(profile("vocalstack"), QStringLiteral("access"), JsonValue::string("readwrite")),
                 names({"readwrite: may also start billable transcription"}));
        QVERIFY(explainClaim(profile("videosdk"), QStringLiteral("nbf"), JsonValue::integer(1)).isEmpty());
        QVERIFY(!profile("vocalstack").field(QStringLiteral("lifetime_s"))->words.isEmpty());
    }

    void brokenProfileFilesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("error");
        const QByteArray head = R"("name":"acme","title":"Acme","description":"d","documentation":"u",)";
        QTest::newRow("not json") << QByteArray("{") << QByteArray("acme.json: not a JSON object");
        QTest::newRow("typo") << QByteArray("{" + head + R"("algoritm":"RS256"})")
                              << QByteArray("acme.json: algoritm: is not a profile member (a typo?)");
        QTest::newRow("no algorithm") << QByteArray("{" + head + R"("fields":[]})")
                                      << QByteArray("acme.json: algorithm: missing");
        QTest::newRow("bad algorithm") << QByteArray("{" + head + R"("algorithm":"none"})")
                                       << QByteArray(
                                              "acme.json: algorithm: 'none' is not an algorithm Signet signs with");
        QTest::newRow("secret not HS256")
            << QByteArray("{" + head + R"("algorithm":"RS256","signer":"api-key-secret"})")
            << QByteArray("acme.json: algorithm: an API key's secret signs with HS256");
        QTest::newRow("field type") << QByteArray("{" + head +
                                                  R"("algorithm":"RS256","fields":[{"name":"a","type":"strng"}]})")
                                    << QByteArray(
                                           "acme.json: fields[0].type: 'strng' is not one of string, integer, boolean, "
                                           "string-list");
        QTest::newRow("default type")
            << QByteArray("{" + head + R"("algorithm":"RS256","fields":[{"name":"a","type":"integer","default":"1"}]})")
            << QByteArray("acme.json: fields[0].default: must be a integer");
        QTest::newRow("requires unknown")
            << QByteArray("{" + head +
                          R"("algorithm":"RS256","fields":[{"name":"a","type":"string","requires":{"b":2}}]})")
            << QByteArray("acme.json: fields: 'a' requires 'b', which is not a field of the profile");
        QTest::newRow("lifetime order")
            << QByteArray("{" + head + R"("algorithm":"RS256","lifetime":{"default":500,"maximum":100}})")
            << QByteArray("acme.json: lifetime: the default must lie between the minimum and the maximum");
        QTest::newRow("bad name")
            << QByteArray(
                   R"({"name":"Acme Inc","title":"t","description":"d","documentation":"u","algorithm":"RS256"})")
            << QByteArray("acme.json: name: 'Acme Inc' is not a profile name");
    }

    void brokenProfileFilesAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, error);
        const auto parsed =
            ProfileFile::parse(std::string_view(json.constData(), json.size()), QStringLiteral("acme.json"));
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.startsWith(QString::fromUtf8(error)), qPrintable(parsed.error().message));
    }

    // A new provider is one JSON file: a user's folder adds it beside the built-in ones.
    void userProfilesAddProviders()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("acme.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"name":"acme","title":"Acme","description":"d","documentation":"u","algorithm":"EdDSA",
                      "fields":[{"name":"tier","type":"string","allowed":{"free":"","pro":""},"default":"free"}]})");
        file.close();
        auto catalog = ProfileCatalog::withUserProfiles(dir.path());
        QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
        QCOMPARE(catalog->profiles().size(), ProfileCatalog::builtIn().profiles().size() + 1);
        auto acme = catalog->find(QStringLiteral("acme"));
        QVERIFY(acme);
        QCOMPARE(errorOf(applyProfile(**acme, {in("tier", "gold")})),
                 QStringLiteral("acme: tier takes free, pro; 'gold' is not one of them"));

        QVERIFY(QFile::copy(dir.filePath(QStringLiteral("acme.json")), dir.filePath(QStringLiteral("videosdk.json"))));
        const auto misnamed = ProfileCatalog::withUserProfiles(dir.path());
        QVERIFY(!misnamed);
        QVERIFY2(misnamed.error().message.contains(QStringLiteral("call the file acme.json")),
                 qPrintable(misnamed.error().message));
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("videosdk.json"))));
        QFile shadow(dir.filePath(QStringLiteral("videosdk.json")));
        QVERIFY(shadow.open(QIODevice::WriteOnly));
        shadow.write(R"({"name":"videosdk","title":"Mine","description":"d","documentation":"u","algorithm":"HS256"})");
        shadow.close();
        const auto shadowing = ProfileCatalog::withUserProfiles(dir.path());
        QVERIFY(!shadowing);
        QVERIFY2(shadowing.error().message.contains(QStringLiteral("is a built-in profile")),
                 qPrintable(shadowing.error().message));
        QVERIFY(!ProfileCatalog::withUserProfiles(dir.filePath(QStringLiteral("missing"))));
    }
};

QTEST_GUILESS_MAIN(ProfilesTest)
#include "tst_profiles.moc"
