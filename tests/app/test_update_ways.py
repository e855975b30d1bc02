#!/usr/bin/env python3
"""Three ways to fill the kiosk's update folder (docs/kiosk.md, "Updates"),
each with the real kiosk program (`sportello --windowed`, SDL's dummy
video driver) watching the folder with its own state folder:

  usb        dist/sportello-usb-update copies sportello/*.sqlite from a
             stick (a folder standing for its mount point): a copy cut
             short (a file size limit: the stick pulled out) leaves nothing
             in the folder; the whole copy is taken by the kiosk.
  rsync      rsync into the folder, as the office's `rsync -e ssh` does: a
             transfer killed halfway leaves rsync's hidden temporary file,
             never loaded; the next transfer is taken.
  syncthing  two kiosks, each its own state folder, on one folder that
             Syncthing (Debian's) keeps in step with the office's folder:
             a catalogue put in the office's folder is in service on both.
             Skipped (77) when syncthing is not installed.

The new catalogue is built here as an office would: sportello-catalog
build --sign with SOURCE_DATE_EPOCH in 2099.  No time is asserted: each
wait polls the kiosks' log lines with a generous bound.

usage: test_update_ways.py WAY SPORTELLO CATALOG_TOOL DATA PO_CONTENT LANGUAGES
                           BUNDLED SECRET PUBLIC USB_SCRIPT WORK"""
import filecmp
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time

(way, kiosk, tool, data, po_content, languages, bundled, secret, public, usb_script,
 work) = sys.argv[1:12]
kiosk, tool, bundled, secret, public, usb_script, work = (
    os.path.abspath(p) for p in (kiosk, tool, bundled, secret, public, usb_script, work))
NEW_VERSION = 4070908800  # 2099-01-01
failures = 0
processes = []


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("check failed:", message, file=sys.stderr)


def finish(code=None):
    for p in processes:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    if code is None:
        code = 1 if failures else 0
        print(f"update_ways {way}:", "FAILED" if failures else "ok")
    sys.exit(code)


def wait_for(what, condition, bound=180):
    """Polls `condition` until true; False after `bound` seconds (a bound
    for a stuck test, not a measure)."""
    end = time.monotonic() + bound
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    check(False, f"not seen within {bound} s: {what}")
    return False


def new_catalogue():
    path = os.path.join(work, "office-build", "catalog.sqlite")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(NEW_VERSION))
    subprocess.run([tool, "build", "--data", data, "--po", po_content, "--languages", languages,
                    "--output", path, "--sign", secret], env=env, check=True,
                   capture_output=True)
    return path


class Kiosk:
    """`sportello --windowed` with its own home, configuration and state."""

    def __init__(self, name, folder):
        self.home = os.path.join(work, name)
        os.makedirs(os.path.join(self.home, "config", "sportello"))
        with open(os.path.join(self.home, "config", "sportello", "site.conf"), "w") as f:
            f.write(f"trusted_keys = {public}\nupdate_folder = {folder}\n")
        self.state = os.path.join(self.home, "state", "sportello")
        self.log = os.path.join(self.home, "kiosk.log")
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SPORTELLO_CONFIG")}
        env.update(HOME=self.home, XDG_CONFIG_HOME=os.path.join(self.home, "config"),
                   XDG_STATE_HOME=os.path.join(self.home, "state"), SDL_VIDEODRIVER="dummy",
                   SDL_AUDIODRIVER="dummy", SPORTELLO_RENDERER="software")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([kiosk, "--windowed", "--catalog", bundled], env=env,
                                            cwd=self.home, stdout=log, stderr=log,
                                            start_new_session=True)
        processes.append(self.process)
        self.name = name

    def text(self):
        with open(self.log, errors="replace") as f:
            return f.read()

    def in_service(self, version):
        return f"version {version} " in self.text() and "catalogue in service" in self.text()

    def wait_started(self):
        wait_for(f"{self.name} in service on the bundled catalogue",
                 lambda: f"catalogue in service: {bundled}" in self.text()
                 or self.process.poll() is not None)
        check(self.process.poll() is None, f"{self.name} exited: {self.text()}")

    def wait_switched(self):
        wanted = f"catalogue in service: {self.state}/catalog.sqlite, version {NEW_VERSION}"
        if wait_for(f"{self.name} switched to version {NEW_VERSION}",
                    lambda: wanted in self.text() or self.process.poll() is not None):
            print(f"{self.name}: " + next(l for l in self.text().splitlines() if wanted in l))
        check(self.process.poll() is None, f"{self.name} exited: {self.text()}")
        check(not any(s in self.text() for s in (" error: ", "Sanitizer", "runtime error")),
              f"{self.name} logged an error:\n{self.text()}")


def listing(folder):
    return sorted(os.listdir(folder))


def usb():
    folder = os.path.join(work, "incoming")
    os.makedirs(folder)
    k = Kiosk("kiosk", folder)
    k.wait_started()
    catalogue = new_catalogue()
    stick = os.path.join(work, "stick")
    os.makedirs(os.path.join(stick, "sportello"))
    shutil.copyfile(catalogue, os.path.join(stick, "sportello", "catalog.sqlite"))
    with open(os.path.join(stick, "README.txt"), "w") as f:
        f.write("not a catalogue\n")
    # The stick pulled out halfway: cp cannot write past 256 KB.
    cut = subprocess.run(["sh", "-c", 'ulimit -f 512; exec "$@"', "sh", usb_script, "--from",
                          stick, "--to", folder], capture_output=True, text=True)
    print("$ sportello-usb-update --from STICK --to FOLDER   (cp stopped at 256 KB)")
    print(cut.stdout + cut.stderr, end="")
    check(cut.returncode != 0, "a copy cut short says nothing went wrong")
    check(listing(folder) == [], f"a copy cut short left {listing(folder)} in the folder")
    # The whole copy.
    whole = subprocess.run([usb_script, "--from", stick, "--to", folder], capture_output=True,
                           text=True)
    print("$ sportello-usb-update --from STICK --to FOLDER")
    print(whole.stdout + whole.stderr, end="")
    check(whole.returncode == 0, f"exit {whole.returncode}")
    check(listing(folder) == ["catalog.sqlite"], f"the folder holds {listing(folder)}")
    copied = os.path.join(folder, "catalog.sqlite")
    check(filecmp.cmp(copied, catalogue, shallow=False), "the copy differs from the stick's file")
    check(stat.S_IMODE(os.stat(copied).st_mode) == 0o644, "the copy is not readable by the kiosk")
    k.wait_switched()
    check("refused" not in k.text(), f"something was refused:\n{k.text()}")


def rsync():
    if not shutil.which("rsync"):
        print("SKIP: rsync is not installed (tools/deps.sh installs it)")
        finish(77)
    folder = os.path.join(work, "incoming")
    os.makedirs(folder)
    k = Kiosk("kiosk", folder)
    k.wait_started()
    catalogue = new_catalogue()
    target = os.path.join(folder, "catalog.sqlite")
    # A transfer killed halfway (the office's line dropped): rsync slowed
    # down, killed once its temporary file is there.
    slow = subprocess.Popen(["rsync", "--bwlimit=200", catalogue, target],
                            start_new_session=True)
    processes.append(slow)
    wait_for("rsync's temporary file",
             lambda: any(n.startswith(".catalog.sqlite.") and os.path.getsize(
                 os.path.join(folder, n)) > 0 for n in os.listdir(folder)))
    os.killpg(slow.pid, signal.SIGKILL)
    slow.wait()
    left = listing(folder)
    print("after rsync was killed halfway, the folder holds:", left)
    check(len(left) == 1 and left[0].startswith(".catalog.sqlite."), f"left: {left}")
    # The next transfer: rsync writes its temporary file, then renames it.
    result = subprocess.run(["rsync", "-t", catalogue, target], capture_output=True, text=True)
    check(result.returncode == 0, f"rsync: {result.stderr}")
    print("$ rsync -t catalog.sqlite FOLDER/catalog.sqlite")
    k.wait_switched()
    check("refused" not in k.text(), f"a partial file was looked at:\n{k.text()}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def syncthing_config(home, me, folder, devices):
    """A Syncthing on 127.0.0.1 only (no discovery, relays, NAT, GUI,
    reports) sharing `folder` with `devices` [(id, port)]."""
    device_lines = "".join(
        f'<device id="{d}" name="{d[:7]}" compression="metadata" introducer="false">'
        f'<address>tcp://127.0.0.1:{port}</address><paused>false</paused></device>\n'
        for d, port in devices)
    folder_devices = "".join(f'<device id="{d}"></device>' for d, _ in devices)
    with open(os.path.join(home, "config.xml"), "w") as f:
        f.write(f"""<configuration version="36">
<folder id="sportello-updates" label="sportello updates" path="{folder}" type="sendreceive"
 rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false">
<filesystemType>basic</filesystemType>{folder_devices}<minDiskFree unit="%">0</minDiskFree>
</folder>
{device_lines}<gui enabled="false" tls="false"><address>127.0.0.1:{free_port()}</address></gui>
<options><listenAddress>tcp://127.0.0.1:{me}</listenAddress>
<globalAnnounceEnabled>false</globalAnnounceEnabled><localAnnounceEnabled>false</localAnnounceEnabled>
<relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled><startBrowser>false</startBrowser>
<urAccepted>-1</urAccepted><crashReportingEnabled>false</crashReportingEnabled>
<autoUpgradeIntervalH>0</autoUpgradeIntervalH><reconnectionIntervalS>1</reconnectionIntervalS>
<minHomeDiskFree unit="%">0</minHomeDiskFree></options>
</configuration>
""")


def syncthing():
    if not shutil.which("syncthing"):
        print("SKIP: syncthing is not installed (tools/deps.sh installs Debian's syncthing)")
        finish(77)
    office, shared = os.path.join(work, "office"), os.path.join(work, "shared")
    homes = {name: os.path.join(work, "syncthing-" + name) for name in ("office", "kiosks")}
    ids, ports = {}, {}
    for name, home in homes.items():
        subprocess.run(["syncthing", "generate", "--home=" + home, "--no-default-folder",
                        "--skip-port-probing"], check=True, capture_output=True)
        ids[name] = subprocess.run(["syncthing", "--home=" + home, "--device-id"], check=True,
                                   capture_output=True, text=True).stdout.strip()
        ports[name] = free_port()
    for folder in (office, shared):
        os.makedirs(os.path.join(folder, ".stfolder"))
    for name, folder in (("office", office), ("kiosks", shared)):
        syncthing_config(homes[name], ports[name], folder,
                         [(ids[n], ports[n]) for n in ("office", "kiosks")])
    env = dict(os.environ, STNOUPGRADE="1", HOME=work)
    for name, home in homes.items():
        log = open(os.path.join(home, "syncthing.log"), "w")
        processes.append(subprocess.Popen(
            ["syncthing", "serve", "--home=" + home, "--no-browser", "--no-restart",
             "--no-default-folder"], env=env, stdout=log, stderr=log, start_new_session=True))
    kiosks = [Kiosk("kiosk-a", shared), Kiosk("kiosk-b", shared)]
    for k in kiosks:
        k.wait_started()
    catalogue = new_catalogue()
    # The office puts the catalogue in its folder (written beside, renamed).
    shutil.copyfile(catalogue, os.path.join(office, ".catalog.sqlite.new"))
    os.rename(os.path.join(office, ".catalog.sqlite.new"), os.path.join(office, "catalog.sqlite"))
    print("office: catalog.sqlite put in the office's Syncthing folder")
    for k in kiosks:
        k.wait_switched()
    arrived = os.path.join(shared, "catalog.sqlite")
    check(os.path.exists(arrived) and filecmp.cmp(arrived, catalogue, shallow=False),
          "Syncthing did not bring the catalogue whole")
    # Both kiosks took it; neither wrote in the shared folder.
    check(sorted(n for n in os.listdir(shared) if not n.startswith(".st")) == ["catalog.sqlite"],
          f"the shared folder holds {os.listdir(shared)}")
    for k in kiosks:
        check(os.path.exists(os.path.join(k.state, "catalog.sqlite")),
              f"{k.name}: no accepted catalogue in its state folder")


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
try:
    {"usb": usb, "rsync": rsync, "syncthing": syncthing}[way]()
except Exception as e:  # a failure, with what was seen
    check(False, f"{type(e).__name__}: {e}")
finish()
