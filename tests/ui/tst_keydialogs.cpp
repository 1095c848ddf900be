// The key dialogs as a user drives them, by object name: importing a signing key from pasted or
// file text (every PEM fixture, encrypted PEM, JWK and JWK sets), exporting a public key, and the
// clipboard guard that takes secrets off the clipboard again.

#include "WorkspaceFixture.h"

#include "ClipboardGuard.h"
#include "dialogs/ExportPublicKeyDialog.h"
#include "dialogs/ImportKeyDialog.h"
#include "foundation/JsonWriter.h"
#include "jose/KeyFile.h"
#include "support/TestSupport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;
using namespace std::chrono_literals;

namespace {

template<class T> T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QLatin1String(name));
}

QString jwkText(const Jwk& key, Jwk::Members members = Jwk::Members::Private)
{
    return QString::fromStdString(JsonWriter::write(key.toJson(members)));
}

Jwk generated(Crypto::KeyFamily family, QString kid = {})
{
    auto pair = family == Crypto::KeyFamily::Rsa  ? Crypto::KeyPair::generateRsa(2048)
                : family == Crypto::KeyFamily::Ec ? Crypto::KeyPair::generateEc(Crypto::Curve::P256)
                                                  : Crypto::KeyPair::generateEdDsa();
    return Jwk::fromKeyPair(*pair, std::move(kid));
}

QString algorithmsOf(QComboBox* combo)
{
    QStringList names;
    for (int i = 0; i < combo->count(); ++i)
        names.append(algorithmQName(Algorithm(combo->itemData(i).toInt())));
    return names.join(QLatin1Char(' '));
}

QString expectedError(const QString& fixture)
{
    auto loaded = KeyFile::load(readData(fixture));
    return loaded ? QString() : QStringLiteral("✗ ") + loaded.error().message;
}

QByteArray passphraseFrom(const QString& fixture)
{
    return readData(fixture).trimmed();
}

} // namespace

class KeyDialogsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStringLiteral("Fusion")); }

    void pastedJwk_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("algorithms"); // in the combo's order
        QTest::addColumn<QString>("defaultAlgorithm");
        const auto row = [](const char* tag, Crypto::KeyFamily family, const char* algorithms, const char* preferred) {
            QTest::newRow(tag) << int(family) << QString::fromLatin1(tag) << QString::fromLatin1(algorithms)
                               << QString::fromLatin1(preferred);
        };
        row("EC P-256", Crypto::KeyFamily::Ec, "ES256", "ES256");
        row("RSA 2048", Crypto::KeyFamily::Rsa, "RS256 RS384 RS512 PS256 PS384 PS512", "RS256");
        row("Ed25519", Crypto::KeyFamily::Ed25519, "EdDSA", "EdDSA");
    }

    void pastedJwk()
    {
        QFETCH(int, family);
        QFETCH(QString, description);
        QFETCH(QString, algorithms);
        QFETCH(QString, defaultAlgorithm);
        ImportKeyDialog dialog(QStringLiteral("Payments"));
        auto* import = child<QPushButton>(&dialog, "importPushButton");
        auto* text = child<QPlainTextEdit>(&dialog, "keyTextEdit");
        auto* algorithm = child<QComboBox>(&dialog, "keyAlgorithmComboBox");
        auto* passphrase = child<QLineEdit>(&dialog, "keyPassphraseLineEdit");
        auto* status = child<QLabel>(&dialog, "keyStatusLabel");
        QVERIFY(import && text && algorithm && passphrase && status);
        QCOMPARE(text->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QVERIFY(!import->isEnabled());

        child<QRadioButton>(&dialog, "keyTextRadioButton")->setChecked(true);
        QVERIFY(text->isEnabled());
        QVERIFY(!child<QLineEdit>(&dialog, "keyFileLineEdit")->isEnabled());
        const Jwk key = generated(Crypto::KeyFamily(family), QStringLiteral("pasted-1"));
        text->setPlainText(jwkText(key));
        QTRY_VERIFY(import->isEnabled());
        QCOMPARE(status->text(), QStringLiteral("✓ %1 private key, kid pasted-1").arg(description));
        QVERIFY(!passphrase->isEnabled());
        QCOMPARE(algorithmsOf(algorithm), algorithms);
        QCOMPARE(algorithmQName(Algorithm(algorithm->currentData().toInt())), defaultAlgorithm);

        // A public JWK of the same key cannot sign.
        text->setPlainText(jwkText(key, Jwk::Members::Public));
        QVERIFY(!import->isEnabled()); // at once, not only after the next parse
        QTRY_COMPARE(status->text(),
                     QStringLiteral("✗ a JWK holds no private key: a signing key needs its private half"));
        QVERIFY(!import->isEnabled());
        QVERIFY(!dialog.request());
    }

    void pemFixtures_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("importable");
        const auto row = [](const char* tag, const char* file, const QString& status, bool importable) {
            QTest::newRow(tag) << QStringLiteral("keys/%1").arg(QLatin1String(file)) << status << importable;
        };
        row("PKCS#8 RSA", "rsa2048-pkcs8.pem", QStringLiteral("✓ RSA 2048 private key, kid "), true);
        row("PKCS#1 RSA", "rsa2048-pkcs1.pem", QStringLiteral("✓ RSA 2048 private key, kid "), true);
        row("SEC1 EC", "ec-p256-sec1.pem", QStringLiteral("✓ EC P-256 private key, kid "), true);
        row("PKCS#8 Ed25519", "ed25519-pkcs8.pem", QStringLiteral("✓ Ed25519 private key, kid "), true);
        const QString publicOnly = QStringLiteral("✗ a PEM public key holds no private key");
        row("SPKI RSA", "rsa2048-spki.pem", publicOnly, false);
        row("PKCS#1 RSA public", "rsa2048-pkcs1-public.pem", publicOnly, false);
        row("SPKI EC", "ec-p256-spki.pem", publicOnly, false);
        row("SPKI Ed25519", "ed25519-spki.pem", publicOnly, false);
        row("certificate", "rsa2048-cert.pem", QStringLiteral("✗ a PEM certificate holds no private key"), false);
        row("weak RSA 1024", "rsa1024-weak.pem", QStringLiteral("too small"), false);
        row("X25519", "x25519-unsupported.pem", QStringLiteral("unsupported key type"), false);
        row("DSA", "dsa-unsupported.pem", QStringLiteral("unsupported key type"), false);
        row("malformed", "malformed.pem", QStringLiteral("✗ "), false);
    }

    void pemFixtures()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, status);
        QFETCH(bool, importable);
        const QString error = expectedError(fixture);
        QCOMPARE(error.isEmpty(), importable || status.contains(QStringLiteral("no private key")));
        // Once as a chosen file, once pasted: the same verdict.
        for (bool pasted : {false, true}) {
            ImportKeyDialog dialog(QStringLiteral("Payments"));
            auto* import = child<QPushButton>(&dialog, "importPushButton");
            auto* label = child<QLabel>(&dialog, "keyStatusLabel");
            if (pasted) {
                child<QRadioButton>(&dialog, "keyTextRadioButton")->setChecked(true);
                child<QPlainTextEdit>(&dialog, "keyTextEdit")->setPlainText(QString::fromUtf8(readData(fixture)));
            } else {
                child<QLineEdit>(&dialog, "keyFileLineEdit")->setText(dataPath(fixture));
            }
            QTRY_VERIFY(label->text().contains(status));
            if (!error.isEmpty())
                QCOMPARE(label->text(), error); // KeyFile's own words
            QCOMPARE(import->isEnabled(), importable);
            QCOMPARE(dialog.request().has_value(), importable);
            QCOMPARE(child<QComboBox>(&dialog, "keyAlgorithmComboBox")->count() > 0, importable);
            QVERIFY(!child<QLineEdit>(&dialog, "keyPassphraseLineEdit")->isEnabled());
            if (importable) {
                // A PEM key has no kid: it will be stored under its thumbprint.
                const QString thumbprint = dialog.request()->key.thumbprint();
                QVERIFY(label->text().endsWith(thumbprint + QStringLiteral(" (its thumbprint)")));
            }
        }
    }

    void encryptedPem()
    {
        ImportKeyDialog dialog(QStringLiteral("Payments"));
        auto* import = child<QPushButton>(&dialog, "importPushButton");
        auto* status = child<QLabel>(&dialog, "keyStatusLabel");
        auto* passphrase = child<QLineEdit>(&dialog, "keyPassphraseLineEdit");
        QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
        QVERIFY(!passphrase->isEnabled());
        dialog.setKeyFile(dataPath(QStringLiteral("keys/rsa2048-encrypted.pem")));
        QVERIFY(passphrase->isEnabled());
        QCOMPARE(status->text(), expectedError(QStringLiteral("keys/rsa2048-encrypted.pem")));
        QVERIFY(status->text().contains(QStringLiteral("a passphrase is needed")));
        QVERIFY(!import->isEnabled());

        QTest::keyClicks(passphrase, QString::fromUtf8(passphraseFrom(QStringLiteral("keys/wrong-passphrase.txt"))));
        QTRY_VERIFY(status->text().contains(QStringLiteral("wrong passphrase")));
        QVERIFY(!import->isEnabled());

        passphrase->clear();
        QTest::keyClicks(passphrase, QString::fromUtf8(passphraseFrom(QStringLiteral("keys/rsa2048-passphrase.txt"))));
        QTRY_VERIFY(import->isEnabled());
        QVERIFY(status->text().startsWith(QStringLiteral("✓ RSA 2048 private key")));
        const auto plain = KeyFile::load(readData(QStringLiteral("keys/rsa2048-pkcs8.pem")));
        QVERIFY(plain);
        QCOMPARE(dialog.request()->key.thumbprint(), plain->keys.keys().front().thumbprint());

        // Accepting forgets the passphrase but keeps the parsed key for the caller.
        import->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(passphrase->text().isEmpty());
        QVERIFY(dialog.request());
    }

    void jwkSetsAndPins()
    {
        ImportKeyDialog dialog(QStringLiteral("Payments"));
        auto* import = child<QPushButton>(&dialog, "importPushButton");
        auto* status = child<QLabel>(&dialog, "keyStatusLabel");
        auto* text = child<QPlainTextEdit>(&dialog, "keyTextEdit");
        auto* algorithm = child<QComboBox>(&dialog, "keyAlgorithmComboBox");
        child<QRadioButton>(&dialog, "keyTextRadioButton")->setChecked(true);
        const Jwk a = generated(Crypto::KeyFamily::Ec, QStringLiteral("a"));
        const Jwk b = generated(Crypto::KeyFamily::Ed25519, QStringLiteral("b"));

        text->setPlainText(QStringLiteral("{\"keys\":[%1,%2]}").arg(jwkText(a), jwkText(b)));
        QTRY_COMPARE(status->text(), QStringLiteral("✗ the JWK set holds 2 private keys; import one at a time"));
        QVERIFY(!import->isEnabled());

        text->setPlainText(QStringLiteral("{\"keys\":[%1,%2]}").arg(jwkText(a, Jwk::Members::Public), jwkText(b)));
        QTRY_VERIFY(import->isEnabled());
        QCOMPARE(dialog.request()->key.kid(), QStringLiteral("b"));

        Jwk pinned = generated(Crypto::KeyFamily::Rsa, QStringLiteral("pinned"));
        pinned.setAlgorithm(Algorithm::PS384);
        text->setPlainText(jwkText(pinned));
        QTRY_VERIFY(import->isEnabled());
        QCOMPARE(algorithmsOf(algorithm), QStringLiteral("PS384"));

        text->setPlainText(QStringLiteral("{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-"
                                          "EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("HMAC secret cannot be a project signing key")));
        QVERIFY(!import->isEnabled());

        text->setPlainText(QStringLiteral("{\"kty\":\"EC\""));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("✗ not valid JSON")));
        QVERIFY(!import->isEnabled());
        text->clear();
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Paste")));

        child<QRadioButton>(&dialog, "keyFileRadioButton")->setChecked(true);
        child<QLineEdit>(&dialog, "keyFileLineEdit")->setText(dataPath(QStringLiteral("keys/no-such-file.pem")));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("✗ cannot read")));
    }

    void importThroughKeyService()
    {
        WorkspaceFixture f;
        f.create();
        const QString project = QStringLiteral("payments");
        ImportKeyDialog dialog(QStringLiteral("Payments"));
        dialog.setExistingKeys(*f.ws().keys().list(project));
        dialog.setKeyFile(dataPath(QStringLiteral("keys/rsa2048-pkcs1.pem")));
        auto* import = child<QPushButton>(&dialog, "importPushButton");
        auto* algorithm = child<QComboBox>(&dialog, "keyAlgorithmComboBox");
        auto* state = child<QComboBox>(&dialog, "keyStateComboBox");
        QVERIFY(import->isEnabled());
        algorithm->setCurrentIndex(algorithm->findData(int(Algorithm::PS256)));
        state->setCurrentIndex(state->findData(int(KeyState::Next)));
        import->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const auto request = dialog.request();
        QVERIFY(request);
        QCOMPARE(request->algorithm, Algorithm::PS256);
        QCOMPARE(request->state, std::optional<KeyState>(KeyState::Next));

        const auto record = f.ws().keys().import(project, request->key, request->algorithm, request->state);
        QVERIFY2(record, record ? "" : qPrintable(record.error().message));
        const auto keys = f.ws().keys().list(project);
        QCOMPARE(keys->size(), 1);
        QCOMPARE(keys->front().kid, request->key.thumbprint());
        QCOMPARE(keys->front().algorithm, Algorithm::PS256);
        QCOMPARE(keys->front().state, KeyState::Next);

        // The same key again (as PKCS#8 this time) is refused before Import.
        ImportKeyDialog again(QStringLiteral("Payments"));
        again.setExistingKeys(*keys);
        again.setKeyFile(dataPath(QStringLiteral("keys/rsa2048-pkcs8.pem")));
        QVERIFY(again.statusText().contains(QStringLiteral("already in the project")));
        QVERIFY(!child<QPushButton>(&again, "importPushButton")->isEnabled());

        // Automatic state: the service decides (active, as the project has no active key).
        ImportKeyDialog third(QStringLiteral("Payments"));
        third.setExistingKeys(*keys);
        third.setKeyFile(dataPath(QStringLiteral("keys/ec-p256-sec1.pem")));
        const auto automatic = third.request();
        QVERIFY(automatic && !automatic->state);
        const auto added = f.ws().keys().import(project, automatic->key, automatic->algorithm, automatic->state);
        QVERIFY(added);
        QCOMPARE(added->state, KeyState::Active);
        QCOMPARE(f.ws().keys().list(project)->size(), 2);

        // Cancel leaves nothing to import.
        third.reject();
        QVERIFY(!third.request());
    }

    void exportPublicKey_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("ES256") << int(Algorithm::ES256);
        QTest::newRow("PS256") << int(Algorithm::PS256);
        QTest::newRow("EdDSA") << int(Algorithm::EdDSA);
    }

    void exportPublicKey()
    {
        QFETCH(int, algorithm);
        WorkspaceFixture f;
        f.create();
        const auto record = f.ws().keys().generate(QStringLiteral("payments"), Algorithm(algorithm));
        QVERIFY(record);
        const QString thumbprint = record->fingerprint.mid(QStringLiteral("SHA256:").size());
        ExportPublicKeyDialog dialog(*record);
        QVERIFY(dialog.problem().isEmpty());

        const QString pem = dialog.text(ExportPublicKeyDialog::Format::Pem);
        QVERIFY(pem.startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----\n")));
        const auto fromPem = KeyFile::load(pem.toUtf8());
        QVERIFY(fromPem);
        QCOMPARE(fromPem->origin, QStringLiteral("a PEM public key"));
        QCOMPARE(fromPem->keys.keys().front().thumbprint(), thumbprint);

        const QString jwk = dialog.text(ExportPublicKeyDialog::Format::Jwk);
        const QJsonObject object = QJsonDocument::fromJson(jwk.toUtf8()).object();
        QVERIFY(!object.isEmpty());
        QVERIFY(!object.contains(QStringLiteral("d")));
        QCOMPARE(object.value(QStringLiteral("kid")).toString(), record->kid);
        QCOMPARE(object.value(QStringLiteral("alg")).toString(), algorithmQName(Algorithm(algorithm)));
        const auto fromJwk = KeyFile::load(jwk.toUtf8());
        QVERIFY(fromJwk);
        QCOMPARE(fromJwk->keys.keys().front().thumbprint(), thumbprint);
        QVERIFY(!fromJwk->keys.keys().front().hasPrivate());

        auto* text = child<QPlainTextEdit>(&dialog, "exportTextEdit");
        QVERIFY(text->isReadOnly());
        QCOMPARE(text->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QCOMPARE(text->toPlainText(), pem);
        child<QRadioButton>(&dialog, "exportJwkRadioButton")->setChecked(true);
        QCOMPARE(dialog.format(), ExportPublicKeyDialog::Format::Jwk);
        QCOMPARE(text->toPlainText(), jwk);

        QSignalSpy messages(&dialog, &ExportPublicKeyDialog::actionCompleted);
        child<QPushButton>(&dialog, "exportCopyPushButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), jwk);
        QCOMPARE(messages.count(), 1);

        QTemporaryDir folder;
        const QString name = dialog.suggestedFileName(ExportPublicKeyDialog::Format::Pem);
        QVERIFY(name.startsWith(QStringLiteral("payments-")) && name.endsWith(QStringLiteral(".pem")));
        const QString path = folder.filePath(name);
        QVERIFY(dialog.saveTo(path, ExportPublicKeyDialog::Format::Pem));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), pem);
        QVERIFY(
            !dialog.saveTo(folder.filePath(QStringLiteral("missing/dir/key.pem")), ExportPublicKeyDialog::Format::Pem));
    }

    void exportSuggestedNameIsSafe()
    {
        SigningKeyRecord record;
        record.projectId = QStringLiteral("video");
        record.kid = QStringLiteral("../ké y/2024:01");
        record.publicJwk = jwkText(generated(Crypto::KeyFamily::Ec, record.kid), Jwk::Members::Public);
        ExportPublicKeyDialog dialog(record);
        QCOMPARE(dialog.suggestedFileName(ExportPublicKeyDialog::Format::Jwk), QStringLiteral("video-ky202401.jwk"));

        record.publicJwk = QStringLiteral("{\"kty\":\"EC\"}");
        ExportPublicKeyDialog broken(record);
        QVERIFY(!broken.problem().isEmpty());
        QVERIFY(broken.text(ExportPublicKeyDialog::Format::Pem).isEmpty());
        QVERIFY(!child<QPushButton>(&broken, "exportCopyPushButton")->isEnabled());
        QVERIFY(!broken.saveTo(QStringLiteral("/tmp/never-written.pem"), ExportPublicKeyDialog::Format::Pem));
    }

    void clipboardClearsAfterDelay()
    {
        QClipboard* clipboard = QGuiApplication::clipboard();
        ClipboardGuard guard;
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QSignalSpy superseded(&guard, &ClipboardGuard::superseded);
        guard.copySecret(QStringLiteral("s3cret-value"), 100ms);
        QCOMPARE(clipboard->text(), QStringLiteral("s3cret-value"));
        QVERIFY(guard.isPending());
        QTRY_COMPARE(cleared.count(), 1);
        QCOMPARE(clipboard->text(), QString());
        QCOMPARE(superseded.count(), 0);
        QVERIFY(!guard.isPending());
    }

    void clipboardKeepsWhatTheUserCopiedSince()
    {
        QClipboard* clipboard = QGuiApplication::clipboard();
        ClipboardGuard guard;
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QSignalSpy superseded(&guard, &ClipboardGuard::superseded);
        guard.copySecret(QStringLiteral("s3cret-value"), 100ms);
        clipboard->setText(QStringLiteral("something else"));
        QTRY_COMPARE(superseded.count(), 1);
        QCOMPARE(cleared.count(), 0);
        QCOMPARE(clipboard->text(), QStringLiteral("something else"));

        // Never clear: 0 seconds.
        guard.copySecret(QStringLiteral("kept"), 0);
        QVERIFY(!guard.isPending());
        QTest::qWait(50);
        QCOMPARE(clipboard->text(), QStringLiteral("kept"));

        // A second secret replaces the first; going away clears what is still pending.
        {
            ClipboardGuard scoped;
            scoped.copySecret(QStringLiteral("first"), 1);
            scoped.copySecret(QStringLiteral("second"), 1);
            QCOMPARE(clipboard->text(), QStringLiteral("second"));
        }
        QCOMPARE(clipboard->text(), QString());
    }

    // One look at each dialog (offscreen): /tmp/import-dialog.png, /tmp/export-dialog.png.
    // Both dialogs show and render (a look at them: ./dev screenshots, or save these grabs).
    void dialogsRender()
    {
        QTemporaryDir out;
        WorkspaceFixture f;
        f.create();
        ImportKeyDialog import(QStringLiteral("Payments"));
        import.setKeyFile(dataPath(QStringLiteral("keys/ec-p256-sec1.pem")));
        ExportPublicKeyDialog exporter(*f.ws().keys().generate(QStringLiteral("payments"), Algorithm::RS256));
        for (auto [dialog, name] : {std::pair<QDialog*, const char*>{&import, "import"}, {&exporter, "export"}}) {
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            QVERIFY(dialog->grab().save(
                QDir(out.path()).filePath(QStringLiteral("%1-dialog.png").arg(QLatin1String(name)))));
        }
    }
};

QTEST_MAIN(KeyDialogsTest)
#include "tst_keydialogs.moc"
