import { Landmark } from "lucide-react";
import Link from "next/link";

/** The slim header of pages outside an organisation (platform admin, your account): the brand, a badge, who is signed in. */
export function PlainHeader({ email, badge }: { email: string; badge?: React.ReactNode }) {
  return (
    <header className="flex h-14 items-center gap-3 border-b px-4">
      <Link href="/" className="flex items-center gap-2 font-semibold">
        <Landmark className="text-primary size-5" aria-hidden /> Ledgerbridge
      </Link>
      {badge}
      <span className="text-muted-foreground ml-auto text-sm">{email}</span>
    </header>
  );
}
