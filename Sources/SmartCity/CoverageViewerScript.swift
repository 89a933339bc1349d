extension CoverageViewerPage {
    /// The page's style sheet.
    static let css = #"""
        :root{--ink:#222;--muted:#555;--line:#bbb;--focus:#d6004c}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.4 'Noto Sans CJK KR','Noto Sans KR',system-ui,sans-serif;color:var(--ink);background:#fff}
        header,footer{padding:8px 16px}
        h1{font-size:18px;margin:4px 0}
        h2{font-size:15px;margin:12px 0 6px}
        #cv-scenario-summary,.cv-help,footer{color:var(--muted);font-size:12px;margin:2px 0}
        .cv-layout{display:flex;flex-wrap:wrap;gap:12px;padding:0 16px}
        .cv-panel{flex:0 0 300px;max-width:100%}
        .cv-field{margin:0 0 10px;border:1px solid var(--line);border-radius:4px;padding:6px 10px}
        .cv-field label{display:block;cursor:pointer}
        #cv-year{width:100%}
        #cv-year-out{font-weight:bold;font-size:16px}
        input:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        dl{display:grid;grid-template-columns:8.5em 1fr;gap:2px 10px;margin:0}
        dt{color:var(--muted)}dd{margin:0;font-variant-numeric:tabular-nums}
        .cv-legend{list-style:none;padding:0;margin:0;columns:2}
        .cv-legend li{display:flex;align-items:center;gap:6px;break-inside:avoid}
        .cv-map{position:relative;flex:1 1 600px;min-width:300px}
        .cv-map>svg{width:100%;height:auto;display:block}
        #coverage path{cursor:pointer}
        #coverage path:focus{outline:none;stroke:var(--focus);stroke-width:2}
        #coverage path:hover{stroke:#000;stroke-width:1}
        path[data-state="modelled"],path[data-state="sido-modelled"]{stroke:#333;stroke-dasharray:1.5 1}
        path.cv-site-on{stroke:#000;stroke-width:2.5}
        .cv-twins{position:absolute;left:1%;bottom:1%;width:32%;display:flex;flex-direction:column;gap:6px}
        .cv-twin{margin:0;background:#fff;border:1px solid #666;box-shadow:0 1px 4px rgba(0,0,0,.3)}
        .cv-twin figcaption{font-weight:bold;font-size:12px;padding:2px 6px}
        .cv-twin img{width:100%;height:auto;display:block}
        #cv-tooltip{position:absolute;pointer-events:none;background:#fff;border:1px solid #333;border-radius:3px;padding:4px 8px;font-size:12px;max-width:280px;box-shadow:0 1px 4px rgba(0,0,0,.3);z-index:2}
        """#

    /// The page's script: reads `#cv-data`, recolours the coverage paths from their `data-*`
    /// attributes for the state in the URL fragment, and keeps the summary, the tooltip and the
    /// fragment in step with the controls.
    static let script = #"""
        (function () {
          "use strict";
          var started = performance.now();
          var data = JSON.parse(document.getElementById("cv-data").textContent);
          var fig = data.figures;
          var root = document.getElementById("cv-map");
          var tooltip = document.getElementById("cv-tooltip");
          var slider = document.getElementById("cv-year");
          var paths = Array.prototype.slice.call(root.querySelectorAll("path[data-unit]"));
          var main = document.getElementById("coverage");
          var state = { year: data.initial.year, scenario: data.initial.scenario, method: data.initial.method, twins: [] };

          function parse(text) {
            if (!text) { return null; }
            var f = text.split(" ");
            return { year: parseInt(f[0], 10), round: f[1], status: f[2] };
          }
          paths.forEach(function (p) {
            p.cvSel = {};
            p.cvSido = {};
            data.scenarios.forEach(function (s) {
              p.cvSel[s] = parse(p.getAttribute("data-sel-" + s));
              p.cvSido[s] = parse(p.getAttribute("data-sido-" + s));
            });
            if (main.contains(p)) {
              p.setAttribute("tabindex", "0");
              p.setAttribute("role", "img");
            }
          });

          function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
          function percent(x) { return (x * 100).toFixed(1) + " %"; }
          function roundName(r) { return r === "new-deal" ? "New Deal round" : r === "plan" ? "plan" : "round " + r; }

          // The join of a path for the state: its local government's selection, else (with
          // sido-wide platforms) its sido's, else none; as CoverageMap's joins.
          function join(p) {
            var m = p.cvSel[state.scenario], s = p.cvSido[state.scenario];
            if (m && m.year <= state.year) { return { kind: m.status, sel: m }; }
            if (state.method === "with-sido-platforms" && s && s.year <= state.year) { return { kind: "sido-" + s.status, sel: s }; }
            return { kind: "none", sel: null };
          }
          function fill(j) {
            switch (j.kind) {
              case "recorded": return data.colors[j.sel.year];
              case "modelled": return "url(#cv-hatch-" + j.sel.year + ")";
              case "sido-recorded": return data.sidoWide;
              case "sido-modelled": return "url(#cv-hatch-sido)";
              default: return data.notSelected;
            }
          }
          function describe(p, j) {
            var name = p.getAttribute("data-name_ko") + " (" + p.getAttribute("data-code") + ")";
            var unit = p.getAttribute("data-unit_name");
            var head = unit && unit !== p.getAttribute("data-name_ko") ? name + ", " + unit : name;
            var pop = p.getAttribute("data-population"), unitPop = p.getAttribute("data-unit_population");
            var lines = [head];
            if (j.sel && j.kind.indexOf("sido-") === 0) {
              lines.push("covered by the sido-wide platform selected in " + j.sel.year + " (" + roundName(j.sel.round) + "), " + j.sel.status);
            } else if (j.sel) {
              lines.push("selected in " + j.sel.year + " (" + roundName(j.sel.round) + "), " + j.sel.status);
            } else {
              lines.push("not selected by the end of " + state.year);
            }
            if (pop) { lines.push("census 2020: " + grouped(pop) + " persons"); }
            if (unit && unit !== p.getAttribute("data-name_ko")) { lines.push(unit + ": " + grouped(unitPop) + " persons"); }
            return lines;
          }

          function apply() {
            var units = {}, drawn = 0;
            paths.forEach(function (p) {
              var j = join(p);
              p.setAttribute("data-state", j.kind);
              p.style.fill = fill(j);
              if (main.contains(p)) {
                p.setAttribute("aria-label", describe(p, j).join("; "));
                if (j.kind !== "none") { drawn += 1; units[p.getAttribute("data-unit")] = true; }
              }
            });
            var y = fig.coverage[state.scenario][state.method][state.year - fig.firstYear];
            var n = fig.nation;
            var sum = document.getElementById("cv-summary");
            var unitCount = Object.keys(units).length;
            var values = { year: y.year, scenario: state.scenario, method: state.method, selected: y.selected,
              cumulative: y.cumulative, recorded: y.recorded, modelled: y.modelled,
              "municipalities-covered": y.municipalitiesCovered, "population-covered": y.populationCovered,
              "population-share": y.populationShare, "area-km2": y.areaKm2, "area-share": y.areaShare,
              "drawn-paths": drawn, "drawn-units": unitCount };
            Object.keys(values).forEach(function (k) { sum.setAttribute("data-" + k, String(values[k])); });
            document.getElementById("cv-sum-year").textContent = y.year;
            document.getElementById("cv-cumulative").textContent = y.cumulative;
            document.getElementById("cv-selected").textContent = y.selected + " (recorded " + y.recorded + ", modelled " + y.modelled + ")";
            document.getElementById("cv-municipalities").textContent = y.municipalitiesCovered + " of " + n.municipalities + " (" + percent(y.municipalityShare) + ")";
            document.getElementById("cv-population").textContent = grouped(y.populationCovered) + " persons, " + percent(y.populationShare);
            document.getElementById("cv-area").textContent = grouped(Math.round(y.areaKm2)) + " km², " + percent(y.areaShare);
            document.getElementById("cv-drawn").textContent = unitCount + " local governments (" + drawn + " areas)";
            document.getElementById("cv-scenario-summary").textContent = state.scenario + ", " + state.method + ", " + state.year + ": "
              + y.municipalitiesCovered + " local governments, " + percent(y.populationShare) + " of people, " + percent(y.areaShare) + " of area.";
            slider.value = state.year;
            slider.setAttribute("aria-valuetext", String(state.year));
            document.getElementById("cv-year-out").textContent = state.year;
            Array.prototype.forEach.call(document.querySelectorAll("input[name=scenario]"), function (r) { r.checked = r.value === state.scenario; });
            Array.prototype.forEach.call(document.querySelectorAll("input[name=method]"), function (r) { r.checked = r.value === state.method; });
            data.twins.forEach(function (id) {
              var on = state.twins.indexOf(id) >= 0;
              document.getElementById("cv-twin-" + id).hidden = !on;
              document.querySelector("input[name=twin][value='" + id + "']").checked = on;
              Array.prototype.forEach.call(root.querySelectorAll("path[data-code='" + id + "']"), function (p) { p.classList.toggle("cv-site-on", on); });
            });
          }

          function fragment() {
            var h = "#year=" + state.year + "&scenario=" + state.scenario + "&method=" + state.method;
            return state.twins.length ? h + "&twins=" + state.twins.join(",") : h;
          }
          function readFragment() {
            var q = {};
            location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
              var i = kv.indexOf("=");
              if (i > 0) { q[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
            });
            var y = parseInt(q.year, 10);
            state.year = isNaN(y) ? data.initial.year : Math.min(fig.lastYear, Math.max(fig.firstYear, y));
            state.scenario = data.scenarios.indexOf(q.scenario) >= 0 ? q.scenario : data.initial.scenario;
            state.method = data.methods.indexOf(q.method) >= 0 ? q.method : data.initial.method;
            state.twins = (q.twins || "").split(",").filter(function (t) { return data.twins.indexOf(t) >= 0; });
          }
          function update() {
            apply();
            var h = fragment();
            if (location.hash !== h) {
              try { history.replaceState(null, "", h); } catch (e) { location.hash = h; }
            }
          }

          slider.addEventListener("input", function () { state.year = parseInt(slider.value, 10); update(); });
          document.addEventListener("change", function (e) {
            var t = e.target;
            if (t.name === "scenario") { state.scenario = t.value; update(); }
            if (t.name === "method") { state.method = t.value; update(); }
            if (t.name === "twin") {
              state.twins = data.twins.filter(function (id) { return document.querySelector("input[name=twin][value='" + id + "']").checked; });
              update();
            }
          });
          window.addEventListener("hashchange", function () { readFragment(); apply(); });

          function show(p, x, y) {
            var lines = describe(p, join(p));
            tooltip.textContent = "";
            lines.forEach(function (l, i) {
              var div = document.createElement("div");
              div.textContent = l;
              if (i === 0) { div.style.fontWeight = "bold"; }
              tooltip.appendChild(div);
            });
            tooltip.hidden = false;
            var box = root.getBoundingClientRect();
            var left = Math.min(x - box.left + 12, box.width - tooltip.offsetWidth - 4);
            tooltip.style.left = Math.max(0, left) + "px";
            tooltip.style.top = Math.max(0, y - box.top + 12) + "px";
          }
          function hide() { tooltip.hidden = true; }
          root.addEventListener("mousemove", function (e) {
            var p = e.target.closest ? e.target.closest("path[data-unit]") : null;
            if (p) { show(p, e.clientX, e.clientY); } else { hide(); }
          });
          root.addEventListener("mouseleave", hide);
          root.addEventListener("focusin", function (e) {
            var p = e.target.closest ? e.target.closest("path[data-unit]") : null;
            if (!p) { return; }
            var b = p.getBoundingClientRect();
            show(p, b.left + b.width / 2, b.top + b.height / 2);
          });
          root.addEventListener("focusout", hide);
          document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });

          readFragment();
          update();
          document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now() - started)));
          document.documentElement.setAttribute("data-load-ms", String(Math.round(performance.now())));
        })();
        """#
}
