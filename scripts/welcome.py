"""Print where the platform is served and the demo sign-ins (used by `make run`)."""

import sys

host, port = sys.argv[1], sys.argv[2]
base = f"http://{host}:{port}"
print(
    f"""
InvestBridge is starting on {base}

  Russian:  {base}/ru/
  Chinese:  {base}/zh-hans/
  English:  {base}/en/
  API:      {base}/api/v1/docs/   (schema: {base}/api/v1/schema/)
  Admin:    {base}/admin/

Demo sign-ins (password for all: investbridge-demo):
  officer@investbridge.demo     promotion officer
  admin@investbridge.demo       administrator
  partner@investbridge.demo     partner staff (the Russian bank)
  company@investbridge.demo     company representative

Mail sent by the platform is written to var/mail/. Press Ctrl+C to stop.
""",
    flush=True,
)
