import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { addressReason, hostNameReason, parseIpv4, parseIpv6, webhookTargetProblem } from "./address-policy";

const refused = (url: string, allowPrivate = false) => webhookTargetProblem(new URL(url), { allowPrivate });

test("the WHATWG URL parser turns every IPv4 notation into dotted decimal, and IPv6 into its short form", () => {
  for (const url of [
    "http://2130706433/",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://127.0.0.1./",
  ])
    assert.equal(new URL(url).hostname, "127.0.0.1", url);
  assert.equal(new URL("http://0/").hostname, "0.0.0.0");
  assert.equal(new URL("http://[::ffff:127.0.0.1]/").hostname, "[::ffff:7f00:1]");
  assert.equal(new URL("http://[::ffff:169.254.169.254]/").hostname, "[::ffff:a9fe:a9fe]");
  assert.equal(new URL("http://[::127.0.0.1]/").hostname, "[::7f00:1]");
  assert.equal(new URL("http://metadata.google.internal./").hostname, "metadata.google.internal.");
});

test("every host of the finding is refused, in any notation", () => {
  const cases: [string, RegExp][] = [
    ["http://[::ffff:169.254.169.254]/", /link-local/],
    ["http://[::ffff:a9fe:a9fe]/", /link-local/],
    ["http://169.254.169.254/latest/meta-data/", /link-local/],
    ["http://metadata.google.internal./", /cloud metadata/],
    ["http://METADATA.google.internal/", /cloud metadata/],
    ["http://metadata/", /cloud metadata/],
    ["http://[fd00:ec2::254]/", /cloud metadata/],
    ["http://[fd00:ec2::253]/", /unique-local/],
    ["http://100.100.100.200/", /cloud metadata/],
    ["http://100.100.100.201/", /CGNAT \(100\.64\.0\.0\/10\)/],
    ["http://[::ffff:127.0.0.1]:8080/", /loopback/],
    ["http://[::ffff:7f00:1]/", /loopback/],
    ["http://[::127.0.0.1]/", /loopback/],
    ["http://[::ffff:0:127.0.0.1]/", /loopback/],
    ["http://[64:ff9b::10.0.0.1]/", /private/],
    ["http://[2002:a9fe:a9fe::1]/", /link-local/],
    ["http://0.0.0.0/", /unspecified/],
    ["http://0/", /unspecified/],
    ["http://[::]/", /unspecified/],
    ["http://[::1]/", /loopback/],
    ["http://2130706433/", /loopback/],
    ["http://0x7f.1/", /loopback/],
    ["http://017700000001/", /loopback/],
    ["http://localhost:3000/", /loopback/],
    ["http://LocalHost./", /loopback/],
    ["http://hooks.localhost/", /loopback/],
    ["http://10.1.2.3/", /private/],
    ["http://172.31.255.255/", /private/],
    ["http://192.168.0.10/", /private/],
    ["http://[fe80::1]/", /link-local/],
    ["http://[fec0::1]/", /site-local/],
    ["http://[ff02::1]/", /multicast/],
    ["http://224.0.0.1/", /multicast/],
    ["http://255.255.255.255/", /broadcast/],
    ["http://240.0.0.1/", /reserved/],
    ["http://198.18.0.1/", /reserved/],
    ["http://192.0.0.170/", /reserved/],
    ["http://192.0.2.1/", /documentation/],
    ["http://[2001:db8::1]/", /documentation/],
    ["http://[100::1]/", /reserved/],
    ["http://[1::1]/", /reserved/],
    ["http://[::8.8.8.8]/", /reserved/],
    ["http://hooks.corp.internal/", /private name/],
    ["http://printer.local./", /private name/],
    ["http://intranet/", /local name/],
    ["http://a..b/", /not a host name/],
  ];
  for (const [url, reason] of cases) {
    const problem = refused(url);
    assert.ok(problem, `${url} was accepted`);
    assert.match(problem, reason, url);
  }
  // The host is named as the URL parser wrote it.
  assert.match(
    refused("http://[::ffff:127.0.0.1]/")!,
    /^\[::ffff:7f00:1\] is refused: loopback\. .*MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1/,
  );
});

test("public addresses and names pass", () => {
  for (const url of [
    "https://93.184.216.34/hook",
    "https://[2606:4700::1111]/hook",
    "https://hooks.example.com/migbench",
    "https://hooks.example.com./migbench",
    "http://[::ffff:93.184.216.34]/",
    "http://[64:ff9b::93.184.216.34]/",
    "http://[2002:5db8:d822::1]/",
    "http://100.63.255.255/",
    "http://100.128.0.0/",
    "http://172.32.0.1/",
    "http://[2a00:1450:4001::200e]/",
  ])
    assert.equal(refused(url), null, url);
});

test("MIGBENCH_WEBHOOK_ALLOW_PRIVATE lifts lab addresses, never link-local, metadata, multicast, broadcast or unspecified", () => {
  for (const url of [
    "http://127.0.0.1:8080/",
    "http://[::ffff:127.0.0.1]/",
    "http://localhost/",
    "http://10.1.2.3/",
    "http://[fd00:ec2::253]/",
    "http://100.100.100.201/",
    "http://hooks.lab.internal/",
    "http://receiver/",
  ])
    assert.equal(refused(url, true), null, url);
  for (const url of [
    "http://169.254.169.254/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://metadata.google.internal./",
    // Metadata services outside link-local: AWS over IPv6, Alibaba Cloud, Azure's wire server.
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://168.63.129.16/",
    "http://[::ffff:168.63.129.16]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://0.0.0.0/",
    "http://[::]/",
  ])
    assert.match(refused(url, true) ?? "", /never allowed for webhooks/, url);
});

test("addresses resolved from a name are judged the same way", () => {
  assert.equal(addressReason("10.0.0.5"), "private");
  assert.equal(addressReason("::ffff:10.0.0.5"), "private");
  assert.equal(addressReason("fe80::1%eth0"), "link-local");
  // Teredo: the client's address is the last 32 bits inverted (RFC 4380's example: 192.0.2.45).
  assert.equal(addressReason("2001:0:4136:e378:8000:63bf:3fff:fdd2"), "documentation");
  assert.equal(addressReason("2001:0:4136:e378:8000:63bf:80ff:fffe"), "loopback");
  assert.equal(addressReason("93.184.216.34"), null);
  assert.equal(addressReason("not-an-address"), "not an IP address");
  assert.equal(hostNameReason("hooks.example.com."), null);
  assert.equal(hostNameReason("hooks.example.com.."), "not a host name");
});

test("the address parsers accept exactly what net.isIP accepts", () => {
  for (const text of [
    "1.2.3.4",
    "255.255.255.255",
    "256.1.1.1",
    "01.2.3.4",
    "1.2.3",
    "1.2.3.4.",
    "::",
    "::1",
    "1::",
    "1::2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7::8",
    "::ffff:1.2.3.4",
    "::1.2.3.4:5",
    "1:::2",
    ":1::",
    "12345::",
    "fe80::1%eth0",
    "::ffff:7f00:1",
    "a:b:c:d:e:f:1.2.3.4",
    "a:b:c:d:e:f:0:1.2.3.4",
  ]) {
    const ours = parseIpv4(text) !== null ? 4 : parseIpv6(text) !== null ? 6 : 0;
    assert.equal(ours, net.isIP(text), text);
  }
  assert.deepEqual(parseIpv6("::ffff:127.0.0.1"), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
});
