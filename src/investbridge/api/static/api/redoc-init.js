// Starts ReDoc on /api/v1/redoc/ (a file, not an inline script, for the Content-Security-Policy).
"use strict";

const container = document.getElementById("redoc-container");
Redoc.init(container.dataset.schemaUrl, {}, container);
