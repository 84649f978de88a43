import { BarChart3, Handshake, LayoutDashboard, Package, RefreshCw, Settings, Users, type LucideIcon } from "lucide-react";

export interface NavItem {
  label: string;
  /** Path below /o/[org]; "" is the dashboard. */
  segment: string;
  icon: LucideIcon;
  /** Shown only to roles that may open it (the page refuses the others anyway). */
  hiddenFor?: string[];
}

export const NAV_ITEMS: NavItem[] = [
  { label: "Dashboard", segment: "", icon: LayoutDashboard },
  { label: "Customers", segment: "customers", icon: Users },
  { label: "Deals", segment: "deals", icon: Handshake },
  { label: "Products", segment: "products", icon: Package },
  { label: "Reports", segment: "reports", icon: BarChart3 },
  { label: "Sync", segment: "sync", icon: RefreshCw, hiddenFor: ["sales"] },
  { label: "Settings", segment: "settings", icon: Settings },
];
