import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { envelope, moRef, parseResponse, readMoRef, readObjectContents, retrieveViewBody, text } from "./soap";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");

test("envelopes carry the vim25 method and escape their content", () => {
  const body = envelope(
    "Login",
    `${moRef("_this", { type: "SessionManager", value: "SessionManager" })}<userName>a&amp;b</userName>`,
  );
  assert.match(body, /^<\?xml version="1.0" encoding="UTF-8"\?><soapenv:Envelope /);
  assert.match(
    body,
    /<Login xmlns="urn:vim25"><_this type="SessionManager">SessionManager<\/_this><userName>a&amp;b<\/userName><\/Login>/,
  );
  assert.equal(
    moRef("obj", { type: "Virtual<Machine>", value: "vm-1&2" }),
    '<obj type="Virtual&lt;Machine&gt;">vm-1&amp;2</obj>',
  );
  const retrieve = retrieveViewBody(
    { type: "PropertyCollector", value: "propertyCollector" },
    { type: "ContainerView", value: "v-1" },
    "VirtualMachine",
    ["name", "runtime.host"],
  );
  assert.match(retrieve, /<pathSet>name<\/pathSet><pathSet>runtime.host<\/pathSet>/);
  assert.match(retrieve, /<selectSet xsi:type="TraversalSpec"><name>traverseEntities<\/name>/);
});

test("a recorded vcsim service content gives the managers' references", () => {
  const r = parseResponse(fixture("retrieve-service-content.xml"), "RetrieveServiceContent");
  assert.ok(r.ok);
  const content = r.result as Record<string, unknown>;
  assert.deepEqual(readMoRef(content.sessionManager), { type: "SessionManager", value: "SessionManager" });
  assert.deepEqual(readMoRef(content.rootFolder), { type: "Folder", value: "group-d1" });
  assert.equal(text((content.about as Record<string, unknown>).apiType), "VirtualCenter");
});

test("a recorded login fault is read as InvalidLogin with its message", () => {
  const r = parseResponse(fixture("login-fault.xml"), "Login");
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.fault.message, "Login failure");
    assert.equal(r.fault.faultType, "InvalidLogin");
    assert.equal(r.fault.faultCode, "ServerFaultCode");
  }
});

test("vcsim's XMLSchema-instance:type and vCenter's xsi:type parse the same", () => {
  const vcsim = fixture("retrieve-vms.xml");
  assert.match(vcsim, /XMLSchema-instance:type=/);
  const real = vcsim.replace(/XMLSchema-instance:type=/g, "xsi:type=");
  for (const xml of [vcsim, real]) {
    const r = parseResponse(xml, "RetrievePropertiesEx");
    assert.ok(r.ok);
    const objects = readObjectContents(r.result);
    assert.equal(objects.length, 4);
    const vm = objects[0];
    assert.equal(vm.obj.type, "VirtualMachine");
    assert.match(text(vm.props.name)!, /^DC0_/);
    assert.equal(text(vm.props["runtime.powerState"]), "poweredOn");
    assert.deepEqual(Object.keys(vm.props).sort(), ["name", "runtime.host", "runtime.powerState"]);
    // The schema type and the reference's own type stay apart, whichever prefix the server used.
    assert.equal((vm.props["runtime.host"] as Record<string, string>)["@_xsiType"], "ManagedObjectReference");
    assert.equal(readMoRef(vm.props["runtime.host"])!.type, "HostSystem");
  }
});

test("a body that is not SOAP is reported, not thrown", () => {
  const r = parseResponse("<html>502 Bad Gateway</html>", "Login");
  assert.equal(r.ok, false);
});
