-- Extra databases next to the application's own ("gov"): Keycloak keeps its data apart.
CREATE DATABASE keycloak OWNER gov;
