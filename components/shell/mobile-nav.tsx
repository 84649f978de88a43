"use client";

import { Menu } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarNav } from "./sidebar-nav";

export function MobileNav({ orgSlug, orgName, role }: { orgSlug: string; orgName: string; role: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
          <Menu />
        </Button>
      </SheetTrigger>
      <SheetContent className="p-4">
        <SheetTitle className="px-3 pt-1 text-base font-semibold">{orgName}</SheetTitle>
        <SidebarNav orgSlug={orgSlug} role={role} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
