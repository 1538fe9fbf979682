# Pulp's settings for deploy/compose.yaml (mounted at /etc/pulp/settings.py of the pulp/pulp container).
# The nodes and the servers reach Pulp as http://pulp; browsers and nodes outside reach its content through nginx.
CONTENT_ORIGIN = "http://pulp"
ANSIBLE_API_HOSTNAME = "http://pulp"
ANSIBLE_CONTENT_HOSTNAME = "http://pulp/pulp/content"
TOKEN_AUTH_DISABLED = True
ALLOWED_IMPORT_PATHS = ["/tmp"]
ALLOWED_EXPORT_PATHS = ["/tmp"]
ANALYTICS = False
