import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLink } from "@/lib/db/links";
import { parseId } from "@/lib/schemas/ids";
import { FormPage } from "@/components/ui/form-page";
import { updateLinkAction } from "../../../../actions";
import { LinkForm } from "../../../../_components/link-form";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string; linkId: string }>;
}): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const { id, linkId } = await params;
  const link = parseId(linkId) ? await getLink({ id: parseId(linkId)! }) : null;
  return { title: link && link.testbedId === parseId(id) ? `Edit ${link.name}` : "Link not found" };
}

export default async function EditLinkPage({ params }: { params: Promise<{ id: string; linkId: string }> }) {
  await requirePageRole("admin");
  const { id: rawId, linkId: rawLinkId } = await params;
  const testbedId = parseId(rawId);
  const linkId = parseId(rawLinkId);
  const link = linkId ? await getLink({ id: linkId }) : null;
  if (!link || link.testbedId !== testbedId) notFound();
  return (
    <FormPage
      title={`Edit link ${link.name}`}
      breadcrumb={{ href: `/testbeds/${link.testbed.id}`, label: `← ${link.testbed.name}` }}
      description={
        link._count.runs
          ? `${link._count.runs} run(s) were measured over this link; their results keep referring to it.`
          : undefined
      }
    >
      <LinkForm
        action={updateLinkAction.bind(null, link.testbedId, link.id)}
        submitLabel="Save link"
        initial={link}
        hypervisor={link.testbed.hypervisor}
      />
    </FormPage>
  );
}
