/**
 * vSphere SOAP (vim25) envelopes and responses. Pure functions: building request bodies, parsing
 * responses and faults. The schema-instance type attribute is read whatever its prefix — real
 * vCenter writes `xsi:type`, vcsim `XMLSchema-instance:type` (without declaring that prefix, so it
 * cannot be resolved to a URI) — as `@_xsiType`, apart from a reference's own `type` (`@_type`).
 * Element prefixes are stripped.
 */
import { XMLParser } from "fast-xml-parser";

export type MoRef = { type: string; value: string };

const ALWAYS_ARRAYS = new Set(["returnval", "objects", "propSet", "ManagedObjectReference", "pathSet", "selectSet"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

/** Escapes text for XML content and attributes. */
export function xml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** A managed object reference element, e.g. <_this type="VirtualMachine">vm-42</_this>. */
export function moRef(tag: string, ref: MoRef): string {
  return `<${tag} type="${xml(ref.type)}">${xml(ref.value)}</${tag}>`;
}

/** The SOAP envelope around one vim25 method call. */
export function envelope(method: string, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><${method} xmlns="urn:vim25">${body}</${method}></soapenv:Body></soapenv:Envelope>`
  );
}

export type SoapFault = { faultCode: string; message: string; faultType: string | null };

export type ParsedResponse = { ok: true; result: unknown } | { ok: false; fault: SoapFault };

/** Parses a vim25 response: the returnval of `<Method>Response`, or the fault. */
export function parseResponse(text: string, method: string): ParsedResponse {
  const normalized = text.replace(/\s(?:xsi|XMLSchema-instance):type=/g, " xsiType=");
  const doc = parser.parse(normalized) as { Envelope?: { Body?: Record<string, unknown> } };
  const body = doc.Envelope?.Body;
  if (!body)
    return {
      ok: false,
      fault: { faultCode: "ParseError", message: "The response is not a SOAP envelope", faultType: null },
    };
  if ("Fault" in body) {
    const fault = body.Fault as { faultcode?: string; faultstring?: string; detail?: Record<string, unknown> };
    const detail = fault.detail ? Object.values(fault.detail)[0] : undefined;
    const faultType =
      detail && typeof detail === "object"
        ? (((detail as Record<string, unknown>)["@_xsiType"] as string | undefined) ?? Object.keys(fault.detail!)[0])
        : null;
    return {
      ok: false,
      fault: {
        faultCode: String(fault.faultcode ?? "Fault"),
        message: String(fault.faultstring ?? "unknown fault"),
        faultType: faultType?.replace(/Fault$/, "") ?? null,
      },
    };
  }
  const response = body[`${method}Response`] as { returnval?: unknown[] } | undefined;
  if (!response) return { ok: true, result: null };
  const values = response.returnval ?? [];
  return { ok: true, result: values.length === 1 ? values[0] : values };
}

/** A managed object reference read from a parsed element ({ "#text", "@_type" }). */
export function readMoRef(node: unknown): MoRef | null {
  if (!node || typeof node !== "object") return null;
  const n = node as Record<string, unknown>;
  const value = n["#text"];
  const type = n["@_type"];
  return typeof value === "string" && typeof type === "string" ? { type, value } : null;
}

/** Reads a RetrievePropertiesEx result into { obj, props } with props by path. */
export function readObjectContents(result: unknown): { obj: MoRef; props: Record<string, unknown> }[] {
  const objects = ((result as { objects?: unknown[] } | null)?.objects ?? []) as {
    obj: unknown;
    propSet?: { name: string; val: unknown }[];
  }[];
  return objects.flatMap((o) => {
    const obj = readMoRef(o.obj);
    if (!obj) return [];
    const props: Record<string, unknown> = {};
    for (const p of o.propSet ?? []) props[p.name] = p.val;
    return [{ obj, props }];
  });
}

/** Text of a simple property value ({ "#text" } or a string). */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Record<string, unknown>)["#text"] === "string")
    return (value as Record<string, string>)["#text"];
  return null;
}

/** The body of RetrievePropertiesEx for the objects of a container view. */
export function retrieveViewBody(collector: MoRef, view: MoRef, type: string, paths: string[]): string {
  return (
    moRef("_this", collector) +
    "<specSet>" +
    `<propSet><type>${xml(type)}</type>${paths.map((p) => `<pathSet>${xml(p)}</pathSet>`).join("")}</propSet>` +
    `<objectSet>${moRef("obj", view)}<skip>true</skip>` +
    '<selectSet xsi:type="TraversalSpec"><name>traverseEntities</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet>' +
    "</objectSet></specSet><options></options>"
  );
}

/** The body of RetrievePropertiesEx for properties of one object. */
export function retrieveObjectBody(collector: MoRef, obj: MoRef, paths: string[]): string {
  return (
    moRef("_this", collector) +
    `<specSet><propSet><type>${xml(obj.type)}</type>${paths.map((p) => `<pathSet>${xml(p)}</pathSet>`).join("")}</propSet>` +
    `<objectSet>${moRef("obj", obj)}<skip>false</skip></objectSet></specSet><options></options>`
  );
}
