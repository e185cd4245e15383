import { Card } from "./card";
import { PageHeader, type PageHeaderProps } from "./page-header";

/** A page that is one form: its header (title, the page it belongs to, a line about it) and the form in a card. */
export function FormPage({ children, ...header }: PageHeaderProps & { children: React.ReactNode }) {
  return (
    <>
      <PageHeader {...header} />
      <Card>{children}</Card>
    </>
  );
}
