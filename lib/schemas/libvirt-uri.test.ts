import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { formatLibvirtUri, libvirtUriProblem, parseLibvirtUri, parseMigrateUri } from "./libvirt-uri";
import { parseConnection } from "./connection";

afterEach(() => {
  delete process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS;
});

// The security review's root shell: libvirt splits the query on ";" as well as "&".
const ROOT_SHELL = "qemu+ssh://kvm-01/system?no_tty=1;command=/usr/bin/env;keyfile=-Ssh%20-c%20'id%3E/tmp/pwned'";

test("the review's URI: ';' separates parameters as it does for libvirt, so command= and keyfile= are seen and refused", () => {
  assert.match(libvirtUriProblem(ROOT_SHELL)!, /"command" is refused unless the admin allows it/);
  // Allowing command does not let the keyfile option through: it is still gated, and its value starts with "-".
  process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS = "command";
  assert.match(libvirtUriProblem(ROOT_SHELL)!, /"command" must be an absolute path|"keyfile" is refused/);
  process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS = "command,keyfile";
  assert.match(libvirtUriProblem(ROOT_SHELL)!, /value of "(command|keyfile)" (is not allowed|must)/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?keyfile=-Fproxy")!, /must not start with "-"/);
  for (const gated of ["socket=/tmp/s", "keyfile=/root/.ssh/id", "no_verify=1", "netcat=/bin/nc", "pkipath=/tmp"]) {
    delete process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS;
    assert.match(libvirtUriProblem(`qemu+ssh://h/system?no_tty=1;${gated}`)!, /refused unless the admin/, gated);
  }
});

test("names and values are percent-decoded before they are checked; duplicates and empty sections are refused", () => {
  assert.match(libvirtUriProblem("qemu+ssh://h/system?%63ommand=/bin/sh")!, /"command" is refused/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?no%5Ftty=1%3Bcommand%3D/bin/sh")!, /value of "no_tty"/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?no_tty=1&no_tty=0")!, /given twice/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?no_tty=1&&mode=auto")!, /empty parameter/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?=x")!, /not a URI parameter name/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?no_tty=%zz")!, /malformed %-escape/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?no_tty=%ED%A0%80")!, /malformed %-escape/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system?mode=shell")!, /value of "mode"/);
});

test("no control, space or non-ASCII character anywhere, raw or hidden in an escape of a gated value", () => {
  for (const bad of [
    "qemu+ssh://kvm-01/system?no_tty=1\ncommand=/bin/sh",
    "qemu+ssh://kvm-01/sys\ntem",
    "qemu+ssh://kvm-01\t/system",
    "qemu+ssh://kvm-01/system?no_tty=1\r",
    "qemu+ssh://kvm-01/system ",
    "qemu+ssh://ｋｖｍ-01/system",
    "qemu+ssh://kvm-01/system?no_tty=1；command=/bin/sh",
    "qemu+ssh://kvm-01/system\u0000",
  ]) {
    assert.notEqual(libvirtUriProblem(bad), null, JSON.stringify(bad));
  }
  process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS = "socket,tls_priority";
  assert.match(libvirtUriProblem("qemu+unix:///session?socket=/run/a%0A-x")!, /value of "socket"/);
  assert.match(libvirtUriProblem("qemu+tls://h/system?tls_priority=%09NORMAL")!, /value of "tls_priority"/);
});

test("authority and path: qemu only, no password, host names and addresses only, /system or /session", () => {
  assert.match(libvirtUriProblem("qemu+ext:///system?command=/tmp/x")!, /transport "ext"/);
  assert.match(libvirtUriProblem("qemu+libssh://h/system")!, /transport "libssh"/);
  assert.match(libvirtUriProblem("xen+ssh://h/system")!, /driver "xen"/);
  assert.match(libvirtUriProblem("qemu+ssh://root:pw@h/system")!, /password/);
  assert.match(libvirtUriProblem("qemu+ssh://-oProxyCommand=x/system")!, /not a host name/);
  assert.match(libvirtUriProblem("qemu+ssh://%2DoProxyCommand/system")!, /not a host name/);
  assert.match(libvirtUriProblem("qemu+ssh://[fe80::1%25eth0]/system")!, /not a host name/);
  assert.match(libvirtUriProblem("qemu+ssh://h:99999/system")!, /not a port/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system#x")!, /fragment/);
  assert.match(libvirtUriProblem("qemu+ssh://h/etc/passwd")!, /path must be/);
  assert.match(libvirtUriProblem("qemu+ssh://h/system/../x")!, /path must be/);
  for (const good of [
    "qemu+ssh://root@kvm-01.lab:22/system",
    "qemu+tls://kvm-01/system?no_tty=1;mode=direct",
    "qemu+ssh://[2001:db8::1]/system?sshauth=agent,privkey&known_hosts_verify=auto",
    "qemu+tcp://10.0.0.2:16509/system",
    "qemu:///session",
  ])
    assert.equal(libvirtUriProblem(good), null, good);
});

test("virsh gets the URI written from its checked parts: '&' between parameters, values escaped", () => {
  const parsed = parseLibvirtUri("qemu+tls://kvm-01/system?no_tty=1;mode=direct");
  assert.ok(parsed.ok);
  assert.equal(formatLibvirtUri(parsed.uri), "qemu+tls://kvm-01/system?no_tty=1&mode=direct");
  process.env.MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS = "socket";
  const socket = parseLibvirtUri("qemu+unix:///session?socket=/tmp/a%20b/libvirt-sock");
  assert.equal(socket.ok, false, "a space in a path value is refused even escaped");
  const plain = parseLibvirtUri("qemu+unix:///session?socket=%2Frun%2Fa%2Flibvirt-sock");
  assert.ok(plain.ok);
  assert.equal(formatLibvirtUri(plain.uri), "qemu+unix:///session?socket=/run/a/libvirt-sock");
  // Round trip: the written URI parses to the same parts.
  const again = parseLibvirtUri(formatLibvirtUri(plain.uri));
  assert.ok(again.ok);
  assert.deepEqual(again.uri, plain.uri);
  // The connection schema hands adapters the written form.
  const settings = parseConnection("libvirt", {
    sourceUri: "qemu+tls://kvm-01/system?no_tty=1;mode=direct",
    destinationUri: "qemu+ssh://kvm-02/system",
  });
  assert.ok(settings.ok);
  assert.equal(settings.settings.sourceUri, "qemu+tls://kvm-01/system?no_tty=1&mode=direct");
});

test("migrateUri and listenAddress: tcp://host[:port] and a bare address, nothing else reaches virsh", () => {
  assert.equal(parseMigrateUri("tcp://10.0.0.2:49152"), "tcp://10.0.0.2:49152");
  assert.equal(parseMigrateUri("tcp://[fd00::2]/"), "tcp://[fd00::2]");
  for (const bad of [
    "rdma://x; rm -rf /",
    "tcp://10.0.0.2:49152\n--xml /etc/passwd",
    "tcp://-oProxyCommand=x",
    "tcp://h:0",
    "tcp://h:65536",
    "tcp://h\t",
    "tcp://ｈ",
    "tcp://h/path",
  ])
    assert.equal(parseMigrateUri(bad), null, JSON.stringify(bad));
  const base = { sourceUri: "qemu+ssh://a/system", destinationUri: "qemu+ssh://b/system" };
  assert.equal(parseConnection("libvirt", { ...base, listenAddress: "fd00::2" }).ok, true);
  for (const bad of ["-x", "10.0.0.2\n", "10.0.0.2 --unsafe", "[fd00::2]", ""])
    assert.equal(parseConnection("libvirt", { ...base, listenAddress: bad }).ok, false, JSON.stringify(bad));
});
