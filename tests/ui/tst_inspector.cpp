// The inspector driven as a user drives it: paste, read, verify; every attack class shows up as the
// failing check with its reason.

#include "WorkspaceFixture.h"

#include "Theme.h"
#include "UntrustedText.h"
#include "foundation/JsonWriter.h"
#include "jose/TokenBuilder.h"
#include "pages/InspectorView.h"
#include "widgets/GroupBoxBand.h"
#include "widgets/TokenEdit.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

#include <ctime>

using namespace Signet;
using namespace Signet::Test;

namespace {

struct Inspector
{
    WorkspaceFixture fixture;
    std::unique_ptr<InspectorView> view;

    Inspector()
    {
        fixture.create();
        if (!fixture.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256))
            qFatal("no key");
        view = std::make_unique<InspectorView>(fixture.ws(), fixture.clock);
    }
    std::string mint(bool oneTime = false)
    {
        MintRequest request;
        request.projectId = QStringLiteral("payments");
        request.subject = QStringLiteral("user-1");
        request.oneTime = oneTime;
        return fixture.ws().tokens().mint(request)->token;
    }
    template<class T> T* find(const char* name) const { return view->findChild<T*>(QString::fromLatin1(name)); }
    void source(InspectorView::KeySource source) const
    {
        auto* box = find<QComboBox>("keySourceComboBox");
        box->setCurrentIndex(box->findData(int(source)));
    }
    struct Verdict
    {
        bool valid;
        QString firstCheck; // failures come first
    };
    // Presses Verify (or Verify and consume); the verdict line and the first check.
    Verdict verify(const std::string& token, Consumption consumption = Consumption::Check) const
    {
        view->setToken(QString::fromStdString(token));
        find<QPushButton>(consumption == Consumption::Consume ? "verifyAndConsumePushButton" : "verifyPushButton")
            ->click();
        auto* checks = find<QListWidget>("checksList");
        const QString verdict = find<QLabel>("verdictLabel")->text();
        if (!verdict.contains(QStringLiteral("VALID")))
            qFatal("no verdict: %s", qPrintable(verdict));
        return {!verdict.contains(QStringLiteral("INVALID")), checks->count() ? checks->item(0)->text() : QString()};
    }
};

} // namespace

class InspectorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesAsYouType()
    {
        Inspector i;
        const std::string token = i.mint();
        i.view->setToken(QStringLiteral("Authorization: Bearer ") + QString::fromStdString(token));
        QVERIFY(i.view->inspection().isWellFormed());
        // The token is coloured where it was pasted: the header segment starts after "Bearer ".
        auto* field = i.find<TokenEdit>("tokenTextEdit");
        const qsizetype header = QStringLiteral("Authorization: Bearer ").size();
        QCOMPARE(field->colorAt(header - 1), field->palette().color(QPalette::Text));
        QCOMPARE(field->colorAt(header), TokenSegments::segmentColor(0));
        QVERIFY(i.find<QPlainTextEdit>("headerTextEdit")->toPlainText().contains(QStringLiteral("\"alg\": \"ES256\"")));
        auto* claims = i.find<QTreeWidget>("claimsTree");
        QVERIFY(claims->findItems(QStringLiteral("sub"), Qt::MatchExactly).size() == 1);
        QVERIFY(claims->findItems(QStringLiteral("exp"), Qt::MatchExactly)
                    .front()
                    ->text(3)
                    .contains(QStringLiteral("in 15 min")));
        QVERIFY(i.find<QLabel>("countdownLabel")->text().startsWith(QStringLiteral("Expires in 15 min")));
        // The project is suggested from the token's issuer.
        QCOMPARE(i.find<QComboBox>("inspectorProjectComboBox")->currentData().toString(), QStringLiteral("payments"));
    }

    // A new token with the same claims updates the rows shown in place: each shows the new token's
    // values and relative times, and the columns fit their contents as a rebuilt tree's would.
    void claimsFollowANewTokenOfTheSameShape()
    {
        Inspector i;
        auto* claims = i.find<QTreeWidget>("claimsTree");
        auto mintFor = [&](const QString& subject) {
            MintRequest request;
            request.projectId = QStringLiteral("payments");
            request.subject = subject;
            return QString::fromStdString(i.fixture.ws().tokens().mint(request)->token);
        };
        auto row = [&](const char* claim) {
            const auto found = claims->findItems(QString::fromLatin1(claim), Qt::MatchExactly);
            return found.size() == 1 ? found.front() : nullptr;
        };
        auto fitted = [&](int column) {
            const int shown = claims->columnWidth(column);
            claims->resizeColumnToContents(column);
            return shown == claims->columnWidth(column);
        };
        i.view->setToken(mintFor(QStringLiteral("short")));
        QTreeWidgetItem* subject = row("sub");
        QVERIFY(subject);
        const QString firstJti = row("jti")->text(1);
        // Wider, then narrower again: the value column grows and shrinks with its widest cell.
        const QString wide(70, QLatin1Char('w'));
        i.fixture.clock.advance(300);
        i.view->setToken(mintFor(wide));
        QCOMPARE(row("sub"), subject);                                  // the same row, updated
        QCOMPARE(subject->text(1), QStringLiteral("\"%1\"").arg(wide)); // strings are shown quoted
        QVERIFY(row("jti")->text(1) != firstJti);
        QVERIFY(fitted(1));
        // A little narrower: the columns stay as they are rather than jitter while a value is typed.
        const int valueWidth = claims->columnWidth(1);
        i.view->setToken(mintFor(wide.left(wide.size() - 2)));
        QCOMPARE(claims->columnWidth(1), valueWidth);
        i.view->setToken(mintFor(QStringLiteral("s")));
        QCOMPARE(subject->text(1), QStringLiteral("\"s\""));
        for (int column = 0; column < 3; ++column)
            QVERIFY2(fitted(column), qPrintable(QString::number(column)));
        // A long value is shortened in its row, and whole in the row's tooltip.
        const QString longSubject(300, QLatin1Char('L'));
        i.view->setToken(mintFor(longSubject));
        QCOMPARE(subject->text(1), QLatin1Char('"') + longSubject.left(79) + QStringLiteral("…"));
        QCOMPARE(subject->toolTip(1), QStringLiteral("\"%1\"").arg(longSubject));
        QVERIFY(fitted(1));
        // The times are the new token's, relative to now.
        QVERIFY(row("exp")->text(3).contains(QStringLiteral("in 15 min")));
        QVERIFY(row("iat")->text(1) != QString::number(WorkspaceFixture::kStart));
        // Another shape (an extra claim) shows its rows too.
        MintRequest request;
        request.projectId = QStringLiteral("payments");
        request.subject = QStringLiteral("user-2");
        auto extra = JsonValue::object();
        extra.set("role", JsonValue::string("admin"));
        request.extraClaims = extra;
        i.view->setToken(QString::fromStdString(i.fixture.ws().tokens().mint(request)->token));
        QVERIFY(row("role"));
        QCOMPARE(row("sub")->text(1), QStringLiteral("\"user-2\""));
    }

    // Each claim's text is painted in its own cell, in the view's text colour (highlighted when the row
    // is selected), and a cell narrower than its text keeps the text inside it.
    void claimTextIsPaintedInItsCell()
    {
        Inspector i;
        i.view->resize(1200, 800);
        i.view->show();
        QVERIFY(QTest::qWaitForWindowExposed(i.view.get()));
        i.view->setToken(QString::fromStdString(i.mint()));
        auto* claims = i.find<QTreeWidget>("claimsTree");
        QTreeWidgetItem* subject = claims->findItems(QStringLiteral("sub"), Qt::MatchExactly).value(0);
        QVERIFY(subject);
        const auto darkPixels = [&](const QRect& rect, QRgb colour) {
            const QImage image = claims->viewport()->grab(rect).toImage();
            int count = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    count += (qGray(image.pixel(x, y)) < 128) == (qGray(colour) < 128);
            }
            return count;
        };
        const QColor text = claims->palette().color(QPalette::Text);
        const QRect value = claims->visualItemRect(subject).intersected(
            QRect(claims->columnViewportPosition(1), 0, claims->columnWidth(1), claims->viewport()->height()));
        QVERIFY(darkPixels(value, text.rgb()) > 10);

        // Narrower than "user-1": the text stays inside its cell's margins (shortened), so the cell's
        // last pixels, next to the meaning column, hold none of it.
        claims->setColumnWidth(1, 30);
        QApplication::processEvents();
        const QRect edge = claims->visualItemRect(subject).intersected(
            QRect(claims->columnViewportPosition(1) + 28, 0, 2, claims->viewport()->height()));
        QVERIFY(darkPixels(value.intersected(QRect(value.left(), 0, 30, 10000)), text.rgb()) > 5);
        QCOMPARE(darkPixels(edge, text.rgb()), 0);

        claims->setCurrentItem(subject);
        QApplication::processEvents();
        const QColor highlighted = claims->palette().color(QPalette::HighlightedText);
        const QRect selected = claims->visualItemRect(subject).intersected(
            QRect(claims->columnViewportPosition(0), 0, claims->columnWidth(0), claims->viewport()->height()));
        const QImage image = claims->viewport()->grab(selected).toImage();
        bool found = false;
        for (int y = 0; y < image.height() && !found; ++y) {
            for (int x = 0; x < image.width() && !found; ++x)
                found = image.pixelColor(x, y) == highlighted;
        }
        QVERIFY2(found, "the selected row's text is not in the highlighted text colour");
    }

    // The verdict sits on a band painted in the Verify group box's own inside colour (so a new verdict
    // does not repaint the whole group box), in the light and the dark theme alike.
    void theVerdictBandMatchesItsGroupBox()
    {
        Inspector i;
        i.view->resize(1200, 800);
        i.view->show();
        QVERIFY(QTest::qWaitForWindowExposed(i.view.get()));
        auto* band = i.view->findChild<GroupBoxBand*>();
        QVERIFY(band);
        QVERIFY(band->isAncestorOf(i.find<QLabel>("verdictLabel")));
        auto* box = qobject_cast<QGroupBox*>(band->parentWidget());
        QVERIFY(box);
        // The box's own colour where no widget covers it, as it is painted.
        const auto bareColour = [&] {
            const QImage image = box->grab().toImage();
            const QRect inside = box->contentsRect().adjusted(8, 8, -8, -8);
            for (int y = inside.top(); y < inside.bottom(); y += 3) {
                for (int x = inside.left(); x < inside.right(); x += 3) {
                    if (!box->childAt(QPoint(x, y)))
                        return image.pixelColor(x, y);
                }
            }
            return QColor();
        };
        for (const QString& theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            applyTheme(theme);
            QApplication::processEvents();
            QVERIFY2(band->fill().isValid(), qPrintable(theme));
            QCOMPARE(band->fill(), bareColour());
            QVERIFY(band->testAttribute(Qt::WA_OpaquePaintEvent));
        }
        applyTheme(QStringLiteral("system"));
    }

    // NumericDates show local time beside UTC, and only once when local time is UTC.
    void datesInLocalTimeWhenItDiffers()
    {
        Inspector i;
        const QByteArray zone = qgetenv("TZ");
        auto expNote = [&](const char* tz) {
            qputenv("TZ", tz);
            tzset();
            i.view->setToken(QString::fromStdString(i.mint()));
            return i.find<QTreeWidget>("claimsTree")
                ->findItems(QStringLiteral("exp"), Qt::MatchExactly)
                .front()
                ->text(3);
        };
        const QString kolkata = expNote("Asia/Kolkata");
        const QString utc = expNote("UTC");
        qputenv("TZ", zone);
        tzset();
        const qint64 exp = WorkspaceFixture::kStart + 900;
        QCOMPARE(utc.count(QStringLiteral(" · ")), 1);
        QVERIFY2(kolkata.startsWith(utc + QStringLiteral(" · ")), qPrintable(kolkata));
        QVERIFY2(
            kolkata.contains(
                QDateTime::fromSecsSinceEpoch(exp, QTimeZone("Asia/Kolkata")).toString(QStringLiteral("HH:mm:ss"))),
            qPrintable(kolkata));
    }

    // A token whose claims do not parse (altered in transit) still names its key: it is checked against
    // the project that holds the key, so the verdict says the signature does not match, not that the
    // key is unknown to the first project in the list.
    void aTokenWhoseClaimsDoNotParseIsMatchedByItsKid()
    {
        Inspector i;
        Project first;
        first.id = QStringLiteral("aardvark");
        first.name = QStringLiteral("Aardvark");
        QVERIFY(i.fixture.ws().projects().create(first));
        QVERIFY(i.fixture.ws().keys().generate(first.id, Algorithm::ES256));
        QString token = QString::fromStdString(i.mint());
        const qsizetype payload = token.indexOf(QLatin1Char('.')) + 1;
        token.replace(
            payload, token.indexOf(QLatin1Char('.'), payload) - payload,
            QString::fromLatin1(QByteArrayLiteral("{\"iss\x01\": 1}")
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        i.view->setToken(token);
        QVERIFY(!i.view->inspection().hasClaims());
        QCOMPARE(i.find<QComboBox>("inspectorProjectComboBox")->currentData().toString(), QStringLiteral("payments"));
        i.find<QPushButton>("verifyPushButton")->click();
        QVERIFY(
            i.find<QListWidget>("checksList")->item(0)->text().contains(QStringLiteral("signature: does not match")));
    }

    void malformedTokensSayWhereTheyBreak()
    {
        Inspector i;
        i.view->setToken(QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJ+.sig"));
        QVERIFY(i.find<QLabel>("tokenProblemLabel")->text().contains(QStringLiteral("payload")));
        QVERIFY(i.find<QLabel>("tokenProblemLabel")->text().contains(QStringLiteral("at character 24")));
    }

    void verdicts_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("firstCheck");
        QTest::newRow("valid") << QStringLiteral("valid") << true << QStringLiteral("✓ format");
        QTest::newRow("tampered") << QStringLiteral("tampered") << false
                                  << QStringLiteral("✗ signature: does not match");
        QTest::newRow("expired") << QStringLiteral("expired") << false << QStringLiteral("✗ exp: expired 1 h ago");
        QTest::newRow("wrong audience") << QStringLiteral("audience") << false << QStringLiteral("✗ aud:");
        QTest::newRow("unknown kid") << QStringLiteral("kid") << false
                                     << QStringLiteral("✗ key: kid \"nope\" is not among");
        QTest::newRow("alg none") << QStringLiteral("none") << false
                                  << QStringLiteral("✗ algorithm: \"none\": unsecured tokens are never accepted");
    }
    void verdicts()
    {
        QFETCH(QString, kind);
        QFETCH(bool, valid);
        QFETCH(QString, firstCheck);
        Inspector i;
        std::string token = i.mint();
        if (kind == QLatin1String("tampered")) {
            const auto dot = token.find('.');
            token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
        } else if (kind == QLatin1String("expired")) {
            i.fixture.clock.advance(15 * 60 + 3600);
        } else if (kind == QLatin1String("audience")) {
            i.find<QLineEdit>("expectedAudienceLineEdit")->setText(QStringLiteral("someone-else"));
        } else if (kind == QLatin1String("kid") || kind == QLatin1String("none")) {
            const Jwk other =
                Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), QStringLiteral("nope"));
            TokenBuilder builder(i.fixture.clock);
            builder.setIssuer(QStringLiteral("https://signet.local/p/payments"))
                .setAudience({QStringLiteral("payments")});
            token = *builder.sign(other);
            if (kind == QLatin1String("none"))
                token = "eyJhbGciOiJub25lIn0" + token.substr(token.find('.'), token.rfind('.') - token.find('.')) + ".";
        }
        const auto verdict = i.verify(token);
        QCOMPARE(verdict.valid, valid);
        QVERIFY2(verdict.firstCheck.startsWith(firstCheck), qPrintable(verdict.firstCheck));
    }

    void judgedAsOfAnotherTime()
    {
        Inspector i;
        const std::string token = i.mint();
        i.fixture.clock.advance(2 * 3600); // expired now
        QVERIFY(!i.verify(token).valid);
        i.find<QCheckBox>("asOfCheckBox")->setChecked(true);
        i.find<QDateTimeEdit>("asOfDateTimeEdit")
            ->setDateTime(QDateTime::fromSecsSinceEpoch(WorkspaceFixture::kStart + 60, QTimeZone::utc()));
        QVERIFY(i.verify(token).valid);
    }

    void oneTimeTokenConsumedTwice()
    {
        Inspector i;
        const std::string token = i.mint(true);
        QVERIFY(i.verify(token).valid); // as typed: checked, not used up
        QVERIFY(i.verify(token, Consumption::Consume).valid);
        const auto again = i.verify(token, Consumption::Consume);
        QVERIFY(!again.valid);
        QCOMPARE(again.firstCheck, QStringLiteral("✗ one-time: already used: this one-time token was consumed before"));
    }

    void keyFileAndSharedSecret()
    {
        Inspector i;
        const std::string token = i.mint();
        const Jwk key = *i.fixture.ws().keys().activeSigningKey(QStringLiteral("payments"));
        const QString path = i.fixture.folder.filePath(QStringLiteral("public.jwk"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(JsonWriter::write(key.publicJwk().toJson())));
        file.close();
        i.source(InspectorView::KeySource::File);
        i.find<QLineEdit>("keyFileLineEdit")->setText(path);
        i.find<QLineEdit>("expectedAudienceLineEdit")->setText(QStringLiteral("payments"));
        QVERIFY(i.verify(token).valid);

        const QByteArray secret(32, 's');
        TokenBuilder builder(i.fixture.clock);
        builder.setAudience({QStringLiteral("payments")});
        const std::string hs = *builder.sign(Jwk::fromSecret(Crypto::SecureBytes(secret)));
        i.source(InspectorView::KeySource::Secret);
        i.find<QLineEdit>("secretLineEdit")->setText(QString::fromLatin1(secret));
        QVERIFY(i.verify(hs).valid);
        i.find<QLineEdit>("secretLineEdit")->setText(QString::fromLatin1(QByteArray(32, 't')));
        const auto wrong = i.verify(hs);
        QVERIFY(!wrong.valid);
        QVERIFY2(wrong.firstCheck.startsWith(QStringLiteral("✗ signature")), qPrintable(wrong.firstCheck));
        i.find<QLineEdit>("secretLineEdit")->setText(QString::fromLatin1(secret.toBase64()));
        for (QCheckBox* box : i.view->findChildren<QCheckBox*>()) {
            if (box->text() == QLatin1String("base64"))
                box->setChecked(true);
        }
        QVERIFY(i.verify(hs).valid);
    }

    // A token wrapped when copied is refused where the whitespace sits; one click takes it out and says
    // what went, and Ctrl+Z brings it back. Whitespace around it and a Bearer prefix stay accepted.
    void whitespaceInsideIsRemovedOnRequestOnly()
    {
        Inspector i;
        i.view->show();
        QVERIFY(QTest::qWaitForWindowExposed(i.view.get()));
        const QString token = QString::fromStdString(i.mint());
        auto* fix = i.find<QPushButton>("removeWhitespacePushButton");
        auto* note = i.find<QLabel>("whitespaceNoteLabel");
        auto* edit = i.find<TokenEdit>("tokenTextEdit");

        i.view->setToken(QStringLiteral("  Bearer ") + token + QStringLiteral("\n"));
        QVERIFY(i.view->inspection().isWellFormed());
        QVERIFY(!fix->isVisible());

        // Two line breaks and three spaces inside.
        const QString wrapped = token.left(30) + QStringLiteral("\n") + token.mid(30, 20) + QStringLiteral(" \n") +
                                token.mid(50, 20) + QStringLiteral("  ") + token.mid(70);
        i.view->setToken(wrapped);
        QVERIFY(!i.view->inspection().isWellFormed());
        QVERIFY(i.find<QLabel>("tokenProblemLabel")->text().contains(TokenInspection::whitespaceProblem(30)));
        QVERIFY(fix->isVisible());
        QCOMPARE(edit->toPlainText(), wrapped); // nothing is stripped unasked

        QTest::mouseClick(fix, Qt::LeftButton);
        QCOMPARE(edit->toPlainText(), token);
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(),
                 QStringLiteral("Removed 2 line breaks and 3 spaces from inside the token (Ctrl+Z puts them back)."));
        QVERIFY(!fix->isVisible());
        QVERIFY(i.view->inspection().isWellFormed());
        QTRY_VERIFY(i.find<QLabel>("verdictLabel")->text().contains(QStringLiteral("✓ VALID")));

        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(edit->toPlainText(), wrapped);
        QVERIFY(fix->isVisible());
        QVERIFY(!note->isVisible());
    }

    // What a token says is shown with its control, DEL, C1 and bidi characters as escapes: in the claims,
    // the header and the verdict's messages.
    void tokenTextShowsControlCharactersVisibly()
    {
        Inspector i;
        const QString rlo = QString(QChar(0x202E));
        const Jwk other = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256),
                                           QStringLiteral("k") + QChar(0x9B) + QStringLiteral("31m"));
        TokenBuilder builder(i.fixture.clock);
        builder.setIssuer(QStringLiteral("https://signet.local/p/payments"))
            .setSubject(QStringLiteral("user") + rlo + QStringLiteral("DILAV") + QChar(0x7F))
            .setAudience({QStringLiteral("payments")});
        const std::string token = *builder.sign(other);
        const auto verdict = i.verify(token);
        QVERIFY(!verdict.valid);

        auto hazards = [](const QString& text) {
            for (const char32_t c : text.toUcs4()) {
                if (c != U'\n' && UntrustedText::isHazardous(c))
                    return true;
            }
            return false;
        };
        auto* claims = i.find<QTreeWidget>("claimsTree");
        const QTreeWidgetItem* sub = claims->findItems(QStringLiteral("sub"), Qt::MatchExactly).value(0);
        QVERIFY(sub);
        QCOMPARE(sub->text(1), QStringLiteral("\"user\\u202eDILAV\\x7f\""));
        for (int row = 0; row < claims->topLevelItemCount(); ++row) {
            for (int column = 0; column < claims->columnCount(); ++column)
                QVERIFY(!hazards(claims->topLevelItem(row)->text(column)));
        }
        const QString header = i.find<QPlainTextEdit>("headerTextEdit")->toPlainText();
        QVERIFY2(header.contains(QStringLiteral("k\\x9b31m")), qPrintable(header));
        QVERIFY(!hazards(header));
        auto* checks = i.find<QListWidget>("checksList");
        QVERIFY2(verdict.firstCheck.contains(QStringLiteral("k\\x9b31m")), qPrintable(verdict.firstCheck));
        for (int row = 0; row < checks->count(); ++row)
            QVERIFY(!hazards(checks->item(row)->text()));
    }

    // The ledger's one-time line stands apart from the report, and the headline follows what the
    // project accepts: a used one-time token is noted, a token that is not the one minted is refused.
    void ledgerLineAndAcceptance()
    {
        Inspector i;
        const std::string token = i.mint(true);
        QVERIFY(i.verify(token, Consumption::Consume).valid);
        const auto used = i.verify(token);
        QVERIFY(used.valid); // a valid token, used: checking it says so, consuming it again is refused
        auto* checks = i.find<QListWidget>("checksList");
        QVERIFY(
            !checks->findItems(QStringLiteral("– one-time: one-time token, used at "), Qt::MatchStartsWith).isEmpty());

        // Another token with the same jti, signed with the project's own key: its signature and claims
        // pass, but it is not the token the ledger recorded.
        const auto claims =
            *TokenInspection::inspect(QString::fromStdString(token), i.fixture.clock.now()).claims().find("jti");
        TokenBuilder builder(i.fixture.clock);
        builder.setIssuer(QStringLiteral("https://signet.local/p/payments"))
            .setAudience({QStringLiteral("payments")})
            .setSubject(QStringLiteral("someone-else"))
            .setJwtId(QString::fromStdString(claims.asString()));
        const std::string forged = *builder.sign(*i.fixture.ws().keys().activeSigningKey(QStringLiteral("payments")));
        const auto verdict = i.verify(forged);
        QVERIFY(!verdict.valid);
        QVERIFY2(verdict.firstCheck.startsWith(QStringLiteral("✗ one-time: not the token minted with jti")),
                 qPrintable(verdict.firstCheck));
        QVERIFY(!checks->findItems(QStringLiteral("✓ signature"), Qt::MatchStartsWith).isEmpty());
    }

    // A JWKS given as public keys (pasted, or read from a file) refuses private members and secrets.
    void jwksRefusesPrivateKeyMaterial()
    {
        Inspector i;
        const std::string token = i.mint();
        const Jwk key = *i.fixture.ws().keys().activeSigningKey(QStringLiteral("payments"));
        auto setOf = [](const JsonValue& member) {
            return QString::fromStdString(JsonWriter::write(JsonValue::object({{"keys", JsonValue::array({member})}})));
        };
        i.source(InspectorView::KeySource::Jwks);
        auto* jwks = i.find<QPlainTextEdit>("inspectorJwksTextEdit");
        auto* verdict = i.find<QLabel>("verdictLabel");
        i.find<QLineEdit>("expectedAudienceLineEdit")->setText(QStringLiteral("payments"));

        i.view->setToken(QString::fromStdString(token));
        jwks->setPlainText(setOf(key.toJson(Jwk::Members::Private)));
        i.find<QPushButton>("verifyPushButton")->click();
        QVERIFY2(verdict->text().startsWith(QStringLiteral("✗ the JWK set contains private key material")),
                 qPrintable(verdict->text()));
        QCOMPARE(i.find<QListWidget>("checksList")->count(), 0);

        jwks->setPlainText(
            setOf(Jwk::fromSecret(Crypto::SecureBytes(QByteArray(32, 's'))).toJson(Jwk::Members::Private)));
        i.find<QPushButton>("verifyPushButton")->click();
        QVERIFY2(verdict->text().contains(QStringLiteral("symmetric key")), qPrintable(verdict->text()));

        jwks->setPlainText(QString::fromStdString(JsonWriter::write(key.publicJwk().toJson())));
        i.find<QPushButton>("verifyPushButton")->click();
        QVERIFY2(verdict->text().startsWith(QStringLiteral("✗ expected a JWK set")), qPrintable(verdict->text()));

        jwks->setPlainText(setOf(key.publicJwk().toJson()));
        QVERIFY(i.verify(token).valid);
    }

    // What keeps the inspector from verifying at all is said in the verdict line, with no checks.
    void refusalsBeforeVerifying()
    {
        Inspector i;
        const QString token = QString::fromStdString(i.mint());
        i.view->setToken(token);
        auto* verdict = i.find<QLabel>("verdictLabel");
        auto* verifyButton = i.find<QPushButton>("verifyPushButton");

        i.find<QLineEdit>("algorithmsLineEdit")->setText(QStringLiteral("ES256, ES999"));
        verifyButton->click();
        QCOMPARE(verdict->text(), QStringLiteral("✗ \"ES999\" is not a JWS algorithm"));
        QCOMPARE(i.find<QListWidget>("checksList")->count(), 0);
        i.find<QLineEdit>("algorithmsLineEdit")->clear();

        i.source(InspectorView::KeySource::Secret);
        i.find<QLineEdit>("secretLineEdit")->setText(QStringLiteral("not base64 at all!"));
        for (QCheckBox* box : i.view->findChildren<QCheckBox*>()) {
            if (box->text() == QLatin1String("base64"))
                box->setChecked(true);
        }
        verifyButton->click();
        QCOMPARE(verdict->text(), QStringLiteral("✗ The secret is not valid base64 or base64url."));

        i.source(InspectorView::KeySource::File);
        i.find<QLineEdit>("keyFileLineEdit")->setText(i.fixture.folder.filePath(QStringLiteral("missing.jwk")));
        verifyButton->click();
        QVERIFY2(verdict->text().startsWith(QStringLiteral("✗ ")), qPrintable(verdict->text()));
        QVERIFY(!verdict->text().contains(QStringLiteral("VALID")));

        i.source(InspectorView::KeySource::JwksUrl); // no URL yet: says what to do
        verifyButton->click();
        QCOMPARE(verdict->text(), QStringLiteral("Enter the JWKS URL to verify with, then press Enter or Fetch."));
    }
};

QTEST_MAIN(InspectorTest)
#include "tst_inspector.moc"
