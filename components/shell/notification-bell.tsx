import { Bell } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export function NotificationBell({ orgSlug, unread }: { orgSlug: string; unread: number }) {
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <Button asChild variant="ghost" size="icon" className="relative" aria-label={label}>
      <Link href={`/o/${orgSlug}/notifications`}>
        <Bell />
        {unread ? (
          <span className="bg-destructive absolute -top-0.5 -right-0.5 flex min-w-4 items-center justify-center rounded-full px-1 text-[10px] font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Link>
    </Button>
  );
}
