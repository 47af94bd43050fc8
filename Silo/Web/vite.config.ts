import { defineConfig } from "vite";

// Built by the Silo project (Datapunk.Silo.csproj, target BuildWebApp) into dist/, which the
// build copies next to the silo's dll as web/ and the silo serves at / (Silo/Web/WebApp.cs).
export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // maplibre-gl alone is ~1 MB: it is loaded only by the pages that show a map.
    chunkSizeWarningLimit: 1200,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
});
