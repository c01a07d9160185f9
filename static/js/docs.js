// Starts Swagger UI (vendored) on /docs over the app's own OpenAPI description.
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
