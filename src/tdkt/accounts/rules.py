import rules

from tdkt.core.rules import is_system_admin

for _verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"accounts.{_verb}_user", is_system_admin)
rules.add_perm("core.view_auditentry", is_system_admin)
