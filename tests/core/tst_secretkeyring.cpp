// Where SecretStore keeps secret values: the data directory's file, or the desktop keyring through QtKeychain. The
// keyring cases run against a real Secret Service: a private D-Bus session (dbus-daemon with a config of our own, no
// service activation) and gnome-keyring-daemon in it, unlocked with a password on stdin, in a temporary HOME. This
// process never connects to that bus: GLib's session connection raises SIGTERM in its process when the bus goes
// away, and keeps the first bus it found. So keyring saves and loads run in child processes (this executable with
// --child), and this process stays without any session bus (the no-keyring cases).

#include "secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <csignal>
#include <cstdio>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Hookscope;
using namespace Hookscope::Verify;

namespace
{

// A no-bus failure takes milliseconds; the keyring timeout is 20 s.
constexpr qint64 quickMs = 5000;

SecretList sampleEntries()
{
    SecretEntry stripe{u"stripe"_s, u"/hooks/stripe"_s, {"whsec_keyringTestOne", "whsec_keyringTestTwo"}, {}, {}};
    SecretEntry github{u"github"_s, {}, {"gh-keyring-test-secret"}, {}, {}};
    SecretEntry twilio{u"twilio"_s, u"/sms"_s, {"twilio-keyring-test-token"}, "https://example.test/sms", {}};
    SecretEntry generic{u"generic-hmac"_s, u"/custom"_s, {"generic-keyring-test-key"}, {}, {}};
    QString error;
    generic.generic = *GenericHmacConfig::parse(u"algorithm=sha512;encoding=base64;header=X-Sig"_s, &error);
    return {stripe, github, twilio, generic};
}

QList<QByteArray> sampleSecrets()
{
    QList<QByteArray> secrets;
    for (const SecretEntry &entry : sampleEntries())
        secrets << entry.secrets;
    return secrets;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ownerOnly(const QString &path)
{
    const QFile::Permissions permissions = QFile(path).permissions();
    const QFile::Permissions others =
        QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    return (permissions & others) == 0 && permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner);
}

QString storageName(SecretStore::Storage storage)
{
    switch (storage) {
    case SecretStore::Storage::None:
        return u"none"_s;
    case SecretStore::Storage::File:
        return u"file"_s;
    case SecretStore::Storage::Keyring:
        return u"keyring"_s;
    }
    return {};
}

// --child save DIR: saves the sample entries, prints where they went. --child load DIR: loads from a pool thread that
// then ends, a QThread, the main thread and a second pool, and checks each against the sample (QtKeychain's job queue
// belongs to the thread of the first job: a caller thread that ends must not stall the later ones).
int runChild(const QString &operation, const QString &directory)
{
    if (operation == u"save") {
        const Result<void> saved = SecretStore::save(directory, sampleEntries());
        if (!saved) {
            std::fprintf(stderr, "save: %s\n", qPrintable(saved.errorMessage()));
            return 1;
        }
        std::printf("%s\n", qPrintable(storageName(SecretStore::storageInfo(directory).storage)));
        return 0;
    }
    if (operation == u"load") {
        const auto check = [&directory](const char *where) {
            QElapsedTimer timer;
            timer.start();
            const Result<SecretList> loaded = SecretStore::load(directory);
            if (!loaded) {
                std::fprintf(stderr, "load in the %s: %s\n", where, qPrintable(loaded.errorMessage()));
                return false;
            }
            if (loaded.value() != sampleEntries()) {
                std::fprintf(stderr, "load in the %s: %d entries, not the saved ones\n", where,
                             int(loaded.value().size()));
                return false;
            }
            std::printf("loaded in the %s in %lld ms\n", where, timer.elapsed());
            return true;
        };
        bool ok = true;
        {
            QThreadPool pool;
            pool.start([&] { ok = check("first pool thread") && ok; });
            pool.waitForDone();
        } // its thread is gone now
        QThread *thread = QThread::create([&] { ok = check("QThread") && ok; });
        thread->start();
        thread->wait();
        delete thread;
        ok = check("main thread") && ok;
        QThreadPool pool;
        pool.start([&] { ok = check("second pool thread") && ok; });
        pool.waitForDone();
        std::fflush(stdout);
        return ok ? 0 : 1;
    }
    std::fprintf(stderr, "unknown child operation\n");
    return 2;
}

} // namespace

class TestSecretKeyring : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fileBackend();
    void plainFileFromScript();
    void autoWithoutSessionBus();
    void forcedKeyringWithoutSessionBus();
    void keyringMarkedButUnreachable();
    void realSecretService();
    void cleanupTestCase();

private:
    struct Finished {
        int exitCode = -1;
        QByteArray out, err;
        QByteArray describe() const
        {
            return "exit " + QByteArray::number(exitCode) + "\nout: " + out + "\nerr: " + err;
        }
    };
    Finished runChildProcess(const QString &operation, const QString &directory, const QByteArray &storage);
    Finished run(const QString &program, const QStringList &arguments, const QByteArray &input = {});
    bool startSecretService(QString *error);
    void stopSecretService();

    QTemporaryDir m_runtime;               // this process's XDG_RUNTIME_DIR: no "bus" socket in it
    std::unique_ptr<QTemporaryDir> m_home; // the private session's HOME, runtime dir and bus socket
    QProcess m_bus;
    QProcess m_keyring;
    pid_t m_group = 0; // the daemons' process group
    QProcessEnvironment m_sessionEnvironment;
};

void TestSecretKeyring::initTestCase()
{
    // No session bus for this process, not even the user's: no address, no $XDG_RUNTIME_DIR/bus, no X11 autolaunch.
    QVERIFY(m_runtime.isValid());
    QVERIFY(QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

void TestSecretKeyring::init()
{
    qunsetenv("HOOKSCOPE_SECRET_STORAGE"); // the test suite sets file for every other test
}

void TestSecretKeyring::fileBackend()
{
    qputenv("HOOKSCOPE_SECRET_STORAGE", "file");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(SecretStore::storageInfo(dir.path()).storage, SecretStore::Storage::None);
    const Result<void> saved = SecretStore::save(dir.path(), sampleEntries());
    QVERIFY2(saved, qPrintable(saved.errorMessage()));
    const QString path = SecretStore::filePath(dir.path());
    QVERIFY(ownerOnly(path));
    const QByteArray contents = readAll(path);
    for (const QByteArray &secret : sampleSecrets())
        QVERIFY2(contents.contains(secret), secret.constData());
    QCOMPARE(QJsonDocument::fromJson(contents).object().value(u"secret_storage").toString(), u"file"_s);
    const Result<SecretList> loaded = SecretStore::load(dir.path());
    QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
    QCOMPARE(loaded.value(), sampleEntries());
    const SecretStore::StorageInfo info = SecretStore::storageInfo(dir.path());
    QCOMPARE(info.storage, SecretStore::Storage::File);
    QVERIFY(info.keyringError.isEmpty()); // not tried
    QVERIFY(SecretStore::describeStorage(dir.path()).contains(QDir::toNativeSeparators(path)));
}

void TestSecretKeyring::plainFileFromScript()
{
    // As scripts and older versions write it: no storage field.
    QTemporaryDir dir;
    QFile file(SecretStore::filePath(dir.path()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"entries":[{"provider":"stripe","path_prefix":"/stripe","secrets":["whsec_script"]}]})");
    file.close();
    const Result<SecretList> loaded = SecretStore::load(dir.path());
    QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
    QCOMPARE(loaded.value().size(), 1);
    QCOMPARE(loaded.value().first().secrets, QList<QByteArray>{"whsec_script"});
    QCOMPARE(SecretStore::storageInfo(dir.path()).storage, SecretStore::Storage::File);
}

void TestSecretKeyring::autoWithoutSessionBus()
{
    // auto (the default) with no session bus: the file, with the secrets, at once; from any thread.
    QTemporaryDir dir;
    QElapsedTimer timer;
    timer.start();
    const Result<void> saved = SecretStore::save(dir.path(), sampleEntries());
    QVERIFY2(saved, qPrintable(saved.errorMessage()));
    QVERIFY2(timer.elapsed() < quickMs, QByteArray::number(timer.elapsed()).constData());
    const QByteArray contents = readAll(SecretStore::filePath(dir.path()));
    for (const QByteArray &secret : sampleSecrets())
        QVERIFY2(contents.contains(secret), secret.constData());
    QVERIFY(ownerOnly(SecretStore::filePath(dir.path())));
    const SecretStore::StorageInfo info = SecretStore::storageInfo(dir.path());
    QCOMPARE(info.storage, SecretStore::Storage::File);
    if (SecretStore::keyringSupported()) {
        QVERIFY(!info.keyringError.isEmpty()); // why, for the Secrets dialog
        QVERIFY2(SecretStore::describeStorage(dir.path()).contains(u"not reachable"_s),
                 qPrintable(SecretStore::describeStorage(dir.path())));
        qInfo("keyring error recorded: %s", qPrintable(info.keyringError));
    }
    const Result<SecretList> loaded = SecretStore::load(dir.path());
    QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
    QCOMPARE(loaded.value(), sampleEntries());

    // The same from a pool thread and from a QThread (the Secrets dialog, the storage thread).
    QTemporaryDir other;
    bool poolSaved = false;
    QThreadPool::globalInstance()->start([&] { poolSaved = bool(SecretStore::save(other.path(), sampleEntries())); });
    QVERIFY(QThreadPool::globalInstance()->waitForDone(int(quickMs)));
    QVERIFY(poolSaved);
    bool threadLoaded = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        const Result<SecretList> again = SecretStore::load(other.path());
        threadLoaded = again && again.value() == sampleEntries();
    }));
    thread->start();
    QVERIFY(thread->wait(QDeadlineTimer(quickMs)));
    QVERIFY(threadLoaded);
    QVERIFY2(timer.elapsed() < 3 * quickMs, QByteArray::number(timer.elapsed()).constData());
}

void TestSecretKeyring::forcedKeyringWithoutSessionBus()
{
    // HOOKSCOPE_SECRET_STORAGE=keyring with no keyring: an error, and the file as it was.
    QTemporaryDir dir;
    qputenv("HOOKSCOPE_SECRET_STORAGE", "file");
    QVERIFY(SecretStore::save(dir.path(), sampleEntries()));
    const QByteArray before = readAll(SecretStore::filePath(dir.path()));
    qputenv("HOOKSCOPE_SECRET_STORAGE", "keyring");
    QElapsedTimer timer;
    timer.start();
    const Result<void> saved = SecretStore::save(dir.path(), {{u"github"_s, {}, {"replacement-secret"}, {}, {}}});
    QVERIFY(!saved);
    QVERIFY(timer.elapsed() < quickMs);
    QVERIFY2(saved.errorMessage().contains(u"keyring"_s), qPrintable(saved.errorMessage()));
    QVERIFY(!saved.errorMessage().contains(u"replacement-secret"_s));
    QCOMPARE(readAll(SecretStore::filePath(dir.path())), before);
}

void TestSecretKeyring::keyringMarkedButUnreachable()
{
    // secrets.json says keyring, the keyring cannot be reached: an error naming it, never an empty list.
    QTemporaryDir dir;
    QFile file(SecretStore::filePath(dir.path()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"secret_storage":"keyring","keyring_key":"/nowhere/hookscope-test","entries":[)"
               R"({"provider":"stripe","path_prefix":"","secrets":[],"public_url":""}]})");
    file.close();
    QCOMPARE(SecretStore::storageInfo(dir.path()).storage, SecretStore::Storage::Keyring);
    QElapsedTimer timer;
    timer.start();
    const Result<SecretList> loaded = SecretStore::load(dir.path());
    QVERIFY(!loaded);
    QVERIFY(timer.elapsed() < quickMs);
    QVERIFY2(loaded.errorMessage().contains(u"desktop keyring"_s), qPrintable(loaded.errorMessage()));
    if (SecretStore::keyringSupported())
        QVERIFY2(loaded.errorMessage().contains(u"not reachable"_s), qPrintable(loaded.errorMessage()));
    qInfo("load error: %s", qPrintable(loaded.errorMessage()));
}

void TestSecretKeyring::realSecretService()
{
    if (!SecretStore::keyringSupported())
        QSKIP("built without QtKeychain (qtkeychain-qt6-dev)");
    QStringList missing;
    for (const auto &[program, package] : {std::pair{u"dbus-daemon"_s, "dbus"}, std::pair{u"dbus-send"_s, "dbus"},
                                           std::pair{u"gnome-keyring-daemon"_s, "gnome-keyring"}}) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            missing << program + u" ("_s + QLatin1String(package) + u')';
    }
    // QtKeychain loads libsecret at run time; without it, it would try KWallet.
    if (QLibrary libsecret(u"secret-1"_s, 0); !libsecret.load())
        missing << u"libsecret-1.so.0 (libsecret-1-0)"_s;
    if (!missing.isEmpty()) {
        const QByteArray reason = "needs " + missing.join(u", "_s).toUtf8() + " (test_packages in .ci/setup)";
        QSKIP(reason.constData());
    }
    const auto stop = qScopeGuard([this] { stopSecretService(); });
    QString error;
    QVERIFY2(startSecretService(&error), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = SecretStore::filePath(dir.path());

    // auto with a reachable Secret Service: the keyring; secrets.json keeps the rest and no secret.
    const Finished saved = runChildProcess(u"save"_s, dir.path(), {});
    QVERIFY2(saved.exitCode == 0, saved.describe().constData());
    QCOMPARE(saved.out.trimmed(), "keyring");
    const QByteArray contents = readAll(path);
    for (const QByteArray &secret : sampleSecrets())
        QVERIFY2(!contents.contains(secret), contents.constData());
    const QJsonObject file = QJsonDocument::fromJson(contents).object();
    QCOMPARE(file.value(u"secret_storage").toString(), u"keyring"_s);
    QCOMPARE(file.value(u"entries").toArray().size(), sampleEntries().size());
    QCOMPARE(file.value(u"entries").toArray().at(2).toObject().value(u"public_url").toString(),
             u"https://example.test/sms"_s);
    QVERIFY(ownerOnly(path));
    QCOMPARE(SecretStore::storageInfo(dir.path()).storage, SecretStore::Storage::Keyring);

    // A fresh process reads them back, from several threads.
    const Finished loaded = runChildProcess(u"load"_s, dir.path(), {});
    QVERIFY2(loaded.exitCode == 0, loaded.describe().constData());
    qInfo("%s", loaded.out.trimmed().constData());

    // The item as another Secret Service client sees it: service Hookscope, key the directory's canonical path.
    const QString key = QFileInfo(dir.path()).canonicalFilePath();
    const bool haveSecretTool = !QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty();
    if (haveSecretTool) {
        const Finished lookup = run(u"secret-tool"_s, {u"lookup"_s, u"server"_s, u"Hookscope"_s, u"user"_s, key});
        QVERIFY2(lookup.exitCode == 0, lookup.describe().constData());
        for (const QByteArray &secret : sampleSecrets())
            QVERIFY2(lookup.out.contains(secret), secret.constData());
    } else {
        std::printf("secret-tool (libsecret-tools) missing: the item is not looked up from outside\n");
    }

    // This process has no session bus: secrets.json says keyring, so load fails and says why.
    const Result<SecretList> unreachable = SecretStore::load(dir.path());
    QVERIFY(!unreachable);
    QVERIFY2(unreachable.errorMessage().contains(u"not reachable"_s), qPrintable(unreachable.errorMessage()));
    for (const QByteArray &secret : sampleSecrets())
        QVERIFY(!unreachable.errorMessage().contains(QString::fromUtf8(secret)));

    // Forced to the file: the secrets move into it and the keyring item goes.
    const Finished toFile = runChildProcess(u"save"_s, dir.path(), "file");
    QVERIFY2(toFile.exitCode == 0, toFile.describe().constData());
    QCOMPARE(toFile.out.trimmed(), "file");
    const QByteArray fileContents = readAll(path);
    for (const QByteArray &secret : sampleSecrets())
        QVERIFY2(fileContents.contains(secret), secret.constData());
    QVERIFY(ownerOnly(path));
    if (haveSecretTool) {
        const Finished gone = run(u"secret-tool"_s, {u"lookup"_s, u"server"_s, u"Hookscope"_s, u"user"_s, key});
        QVERIFY2(gone.exitCode != 0 && gone.out.isEmpty(), gone.describe().constData());
    }
    const Result<SecretList> fromFile = SecretStore::load(dir.path()); // this process, no bus needed
    QVERIFY2(fromFile, qPrintable(fromFile.errorMessage()));
    QCOMPARE(fromFile.value(), sampleEntries());

    // And back to the keyring (auto again).
    const Finished back = runChildProcess(u"save"_s, dir.path(), "auto");
    QVERIFY2(back.exitCode == 0, back.describe().constData());
    QCOMPARE(back.out.trimmed(), "keyring");
    const Finished reloaded = runChildProcess(u"load"_s, dir.path(), {});
    QVERIFY2(reloaded.exitCode == 0, reloaded.describe().constData());
}

void TestSecretKeyring::cleanupTestCase()
{
    stopSecretService();
}

TestSecretKeyring::Finished TestSecretKeyring::runChildProcess(const QString &operation, const QString &directory,
                                                               const QByteArray &storage)
{
    QProcessEnvironment environment = m_sessionEnvironment;
    if (storage.isEmpty())
        environment.remove(u"HOOKSCOPE_SECRET_STORAGE"_s);
    else
        environment.insert(u"HOOKSCOPE_SECRET_STORAGE"_s, QString::fromLatin1(storage));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QCoreApplication::applicationFilePath(), {u"--child"_s, operation, directory});
    Finished finished;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        finished.err = "timed out";
        return finished;
    }
    finished.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    finished.out = process.readAllStandardOutput();
    finished.err = process.readAllStandardError();
    return finished;
}

TestSecretKeyring::Finished TestSecretKeyring::run(const QString &program, const QStringList &arguments,
                                                   const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(m_sessionEnvironment);
    process.start(program, arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    Finished finished;
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished();
        finished.err = "timed out";
        return finished;
    }
    finished.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    finished.out = process.readAllStandardOutput();
    finished.err = process.readAllStandardError();
    return finished;
}

bool TestSecretKeyring::startSecretService(QString *error)
{
    m_home = std::make_unique<QTemporaryDir>();
    const QDir home(m_home->path());
    for (const QString &sub : {u"run"_s, u"data"_s, u"config"_s, u"cache"_s}) {
        if (!home.mkpath(sub) ||
            !QFile::setPermissions(home.filePath(sub), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
            *error = u"cannot create "_s + home.filePath(sub);
            return false;
        }
    }
    // A session bus of our own: listens in the temporary directory, activates no services (the real gnome-keyring's
    // activation file would start a second daemon on the user's files).
    QFile config(home.filePath(u"bus.conf"_s));
    if (!config.open(QIODevice::WriteOnly)) {
        *error = config.errorString();
        return false;
    }
    config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                 " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                 "<busconfig><type>session</type><listen>unix:dir=" +
                 QFile::encodeName(m_home->path()) +
                 "</listen><auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" "
                 "eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
    config.close();

    // Both daemons in one new process group, stopped together.
    m_bus.setChildProcessModifier([] { ::setsid(); });
    m_bus.start(u"dbus-daemon"_s, {u"--config-file="_s + config.fileName(), u"--nofork"_s, u"--print-address=1"_s});
    if (!m_bus.waitForStarted(5000)) {
        *error = u"dbus-daemon: "_s + m_bus.errorString();
        return false;
    }
    m_group = pid_t(m_bus.processId());
    QElapsedTimer timer;
    timer.start();
    while (!m_bus.canReadLine() && timer.elapsed() < 10000)
        m_bus.waitForReadyRead(100);
    const QString address = QString::fromUtf8(m_bus.readLine()).trimmed();
    if (address.isEmpty()) {
        *error = u"dbus-daemon printed no address: "_s + QString::fromLocal8Bit(m_bus.readAllStandardError());
        return false;
    }

    m_sessionEnvironment = QProcessEnvironment::systemEnvironment();
    m_sessionEnvironment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, address);
    m_sessionEnvironment.insert(u"HOME"_s, m_home->path());
    m_sessionEnvironment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    m_sessionEnvironment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    m_sessionEnvironment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    m_sessionEnvironment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    m_sessionEnvironment.remove(u"DISPLAY"_s);
    m_sessionEnvironment.remove(u"WAYLAND_DISPLAY"_s);
    m_sessionEnvironment.remove(u"HOOKSCOPE_SECRET_STORAGE"_s);

    // --unlock reads the login keyring's password from stdin and creates that keyring (empty would leave none).
    m_keyring.setProcessEnvironment(m_sessionEnvironment);
    const pid_t group = m_group;
    m_keyring.setChildProcessModifier([group] { ::setpgid(0, group); });
    m_keyring.start(u"gnome-keyring-daemon"_s, {u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    if (!m_keyring.waitForStarted(5000)) {
        *error = u"gnome-keyring-daemon: "_s + m_keyring.errorString();
        return false;
    }
    m_keyring.write("hookscope-test-password");
    m_keyring.closeWriteChannel();

    // Ready when the login collection answers.
    timer.restart();
    while (timer.elapsed() < 10000) {
        const Finished locked = run(
            u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.secrets"_s,
                             u"/org/freedesktop/secrets/collection/login"_s, u"org.freedesktop.DBus.Properties.Get"_s,
                             u"string:org.freedesktop.Secret.Collection"_s, u"string:Locked"_s});
        if (locked.exitCode == 0) {
            if (!locked.out.contains("boolean false")) {
                *error = u"the login keyring stays locked: "_s + QString::fromUtf8(locked.out);
                return false;
            }
            std::printf("Secret Service ready after %lld ms\n", timer.elapsed());
            return true;
        }
        if (m_keyring.state() == QProcess::NotRunning)
            break;
        QTest::qWait(50);
    }
    *error = u"gnome-keyring-daemon did not serve the login keyring: "_s +
             QString::fromLocal8Bit(m_keyring.readAllStandardError());
    return false;
}

void TestSecretKeyring::stopSecretService()
{
    if (m_group <= 0)
        return;
    ::kill(-m_group, SIGTERM);
    for (QProcess *process : {&m_keyring, &m_bus}) {
        if (process->state() != QProcess::NotRunning && !process->waitForFinished(3000)) {
            ::kill(-m_group, SIGKILL);
            process->waitForFinished(3000);
        }
    }
    m_group = 0;
    m_home.reset();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 4 && qstrcmp(argv[1], "--child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestSecretKeyring test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretkeyring.moc"
