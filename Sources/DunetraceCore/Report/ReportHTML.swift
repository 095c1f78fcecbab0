// `dunetrace report`'s page: one HTML file with its style, script and data inline (it opens
// from disk, without network). The tables of `stat` are plain HTML; the map, the working set
// and the timeline are drawn by the script from the data (ReportData.json) on canvases, and
// the script writes what it drew (marks per kind, slices) into data- attributes, so a
// headless browser's DOM shows what a reader sees.

public enum ReportHTML {
    public static func page(_ data: ReportData) -> String {
        let h = data.header
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        html += "<title>dunetrace report: " + escape(h.commandLine.joined(separator: " ")) + "</title>\n"
        html += "<style>" + style + "</style></head><body>\n"
        html += "<header><h1>dunetrace report</h1><p class=\"cmd\">" + escape(h.commandLine.joined(separator: " ")) + "</p>"
        html += "<p class=\"sub\">recorded on " + escape("\(h.host) (Linux \(h.kernel), \(h.cpu))") + ": "
        html += "\(data.stats.records) events, \(data.callCount) system calls, \(data.faultCount) page faults, \(data.stats.processes.count) process\(data.stats.processes.count == 1 ? "" : "es")</p>"
        html += "<p class=\"zoom\">Drag across a map or the timeline to zoom on a time range; <button id=\"reset\">show all</button> <span id=\"range\"></span></p></header>\n"
        html += "<section><h2>Page faults</h2><div id=\"legend\"></div><div id=\"map\"></div></section>\n"
        html += "<section><h2>Working set over time</h2><p class=\"sub\">pages first touched per interval, per mapping</p><div id=\"ws\"></div></section>\n"
        html += "<section><h2>System calls per task</h2><div id=\"classes\"></div><div id=\"timeline\"></div></section>\n"
        html += "<section><h2>Statistics</h2>" + syscallTable(data.stats) + faultTable(data.stats) + "</section>\n"
        html += "<div id=\"tip\"></div>\n"
        // `</` inside the data would end the script element.
        html += "<script type=\"application/json\" id=\"data\">" + data.json().replacingOccurrences(of: "</", with: "<\\/") + "</script>\n"
        html += "<script>" + script + "</script>\n</body></html>\n"
        return html
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func seconds(_ ns: UInt64) -> String {
        let s = String(ns / 1000), pad = String(repeating: "0", count: max(0, 7 - s.count)) + s
        return String(pad.dropLast(6)) + "." + String(pad.suffix(6))
    }

    static func syscallTable(_ stats: TraceStatistics) -> String {
        let rows = stats.syscallRows
        let total = rows.reduce(UInt64(0)) { $0 &+ $1.nanoseconds }
        var t = "<h3>System calls (as strace -c)</h3><table id=\"syscalls\"><thead><tr><th>% time</th><th>seconds</th><th>usecs/call</th><th>calls</th><th>errors</th><th>syscall</th></tr></thead><tbody>"
        for r in rows {
            let pct = total == 0 ? 0 : Double(r.nanoseconds) / Double(total) * 100
            let pctText = String(Int((pct * 100).rounded()) / 100) + "." + String(format2(Int((pct * 100).rounded()) % 100))
            t += "<tr><td>\(pctText)</td><td>\(seconds(r.nanoseconds))</td><td>\(r.calls == 0 ? 0 : r.nanoseconds / UInt64(r.calls) / 1000)</td><td>\(r.calls)</td><td>\(r.errors == 0 ? "" : String(r.errors))</td><td>\(escape(r.name))</td></tr>"
        }
        let calls = rows.reduce(0) { $0 + $1.calls }, errors = rows.reduce(0) { $0 + $1.errors }
        t += "</tbody><tfoot><tr><td>100.00</td><td>\(seconds(total))</td><td>\(calls == 0 ? 0 : total / UInt64(calls) / 1000)</td><td>\(calls)</td><td>\(errors == 0 ? "" : String(errors))</td><td>total</td></tr></tfoot></table>"
        return t
    }

    static func format2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    static func faultTable(_ stats: TraceStatistics) -> String {
        let rows = stats.faultRows
        var t = "<h3>Page faults by mapping and kind</h3><table id=\"faults\"><thead><tr><th>faults</th><th>pages</th>"
        t += PageFaultKind.allCases.map { "<th>\($0.name)</th>" }.joined() + "<th>mapping</th></tr></thead><tbody>"
        for r in rows {
            t += "<tr><td>\(r.faults)</td><td>\(r.pages)</td>" + r.kinds.map { "<td>\($0)</td>" }.joined()
            t += "<td>\(escape(r.mapping.isEmpty ? "[anonymous]" : r.mapping))</td></tr>"
        }
        var kinds = [Int](repeating: 0, count: PageFaultKind.allCases.count)
        for r in rows { for i in kinds.indices { kinds[i] += r.kinds[i] } }
        t += "</tbody><tfoot><tr><td>\(stats.pageFaultCount)</td><td>\(stats.pagesTouched)</td>" + kinds.map { "<td>\($0)</td>" }.joined() + "<td>total</td></tr></tfoot></table>"
        return t
    }

    static let style = """
    body{font:13px/1.4 system-ui,sans-serif;margin:16px 24px;color:#222;background:#fafafa}
    h1{font-size:20px;margin:0}h2{font-size:16px;margin:18px 0 6px}h3{font-size:14px}
    .cmd{font-family:monospace;font-size:14px;margin:4px 0}.sub{color:#666;margin:2px 0}
    section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}
    .mapping{margin:6px 0}.mapping .name{font-family:monospace;font-size:12px}
    canvas{display:block;border:1px solid #eee;cursor:crosshair}
    .sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px;vertical-align:middle}
    table{border-collapse:collapse;font-family:monospace;font-size:12px;margin:6px 0}
    td,th{padding:1px 8px;text-align:right;border-bottom:1px solid #eee}td:last-child,th:last-child{text-align:left}
    tfoot td{border-top:1px solid #999;font-weight:bold}
    #tip{position:fixed;display:none;background:#222;color:#eee;font:12px monospace;padding:4px 6px;border-radius:4px;pointer-events:none;white-space:pre;max-width:900px;overflow:hidden;z-index:9}
    """

    static let script = #"""
    "use strict";
    const D = JSON.parse(document.getElementById("data").textContent);
    const KC = ["#2b7bd6", "#e8542f", "#9b35c8", "#1a9e4a", "#111111"];
    const CC = ["#d62f8a", "#2b7bd6", "#1a9e4a", "#e8a02f", "#c0392b", "#7f5fbf", "#5aa7a0", "#999999", "#8c6d31", "#bbbbbb"];
    const W = Math.max(600, Math.min(1400, document.body.clientWidth - 60));
    const LEFT = 150;
    let view = [0, Math.max(1, D.span)];
    const tip = document.getElementById("tip");
    const hex = s => "0x" + s;
    const fmtT = ns => (ns / 1e6).toFixed(3) + " ms";
    const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
    const x = t => LEFT + (t - view[0]) / (view[1] - view[0]) * (W - LEFT);
    const tOf = px => view[0] + (px - LEFT) / (W - LEFT) * (view[1] - view[0]);
    function showTip(e, text) { tip.style.display = text ? "block" : "none"; tip.textContent = text || ""; tip.style.left = Math.min(e.clientX + 12, innerWidth - 420) + "px"; tip.style.top = (e.clientY + 14) + "px"; }
    function canvas(parent, h) { const c = document.createElement("canvas"); c.width = W; c.height = h; parent.appendChild(c); return c; }
    function axis(g, h) { g.fillStyle = "#888"; g.font = "10px sans-serif"; for (let i = 0; i <= 4; i++) { const t = view[0] + (view[1] - view[0]) * i / 4, px = x(t); g.fillRect(px, h - 4, 1, 4); g.fillText(fmtT(t), Math.min(px + 2, W - 60), h - 6); } }
    // Drag to zoom on a time range.
    function zoomable(c) {
      let from = null;
      c.addEventListener("mousedown", e => { from = e.offsetX; });
      c.addEventListener("mouseup", e => { if (from !== null && Math.abs(e.offsetX - from) > 4) { const a = tOf(Math.min(from, e.offsetX)), b = tOf(Math.max(from, e.offsetX)); view = [Math.max(0, a), Math.max(a + 1, b)]; drawAll(); } from = null; });
    }
    document.getElementById("reset").onclick = () => { view = [0, Math.max(1, D.span)]; drawAll(); };
    function legend(id, names, colors) { document.getElementById(id).innerHTML = names.map((n, i) => `<span class="sw" style="background:${colors[i % colors.length]}"></span>${esc(n)}`).join(""); }
    legend("legend", D.kinds, KC);
    legend("classes", D.classes.map(c => c === "other" ? "other" : "%" + c).concat(["signal", "process start", "exit"]), CC.slice(0, D.classes.length).concat(["#c0392b", "#1a9e4a", "#000"]));

    // The page-fault map: one canvas per mapping, page rows against time.
    // The mappings with most faults first; past a dozen, the rest fold away (still drawn).
    const SHOWN = 12;
    let more = null;
    function mapParent(i) {
      if (i < SHOWN) return document.getElementById("map");
      if (!more) { more = document.createElement("details"); more.innerHTML = `<summary>${D.mappings.length - SHOWN} more mappings</summary>`; document.getElementById("map").appendChild(more); }
      return more;
    }
    const maps = D.mappings.map((m, mi) => {
      const div = document.createElement("div"); div.className = "mapping"; div.dataset.name = m.name;
      div.innerHTML = `<div class="name">${esc(m.name)} <span class="sub">${m.faults} faults, ${m.kindCounts.map((n, i) => n ? n + " " + D.kinds[i] : "").filter(s => s).join(", ")}${m.exact ? "" : " (aggregated into cells)"}</span></div>`;
      mapParent(mi).appendChild(div);
      const h = Math.max(m.rows <= 4 ? 34 : 48, Math.min(260, m.rows * 3 + 16));
      const c = canvas(div, h); zoomable(c);
      return {m, div, c, h, hits: []};
    });
    function rowY(p, r) { return 2 + (r + 0.5) / Math.max(1, p.m.rows) * (p.h - 16); }
    function drawMap(p) {
      const m = p.m, g = p.c.getContext("2d"), h = p.h, drawn = [0, 0, 0, 0, 0];
      g.clearRect(0, 0, W, h); p.hits = [];
      g.fillStyle = "#555"; g.font = "10px monospace";
      let lastY = -99;
      for (const s of m.segments) { const y = rowY(p, s[0]); if (y - lastY < 11) continue; g.fillText("page +0x" + (parseInt(s[1], 16) - parseInt(m.segments[0][1], 16)).toString(16), 2, y + 3); lastY = y; }
      const ms = m.rows > 60 ? 3 : 4;
      if (m.exact) {
        for (let i = 0; i < m.t.length; i++) {
          if (m.t[i] < view[0] || m.t[i] > view[1]) continue;
          const px = x(m.t[i]), py = rowY(p, m.r[i]);
          g.fillStyle = KC[m.k[i]]; g.fillRect(px - ms / 2, py - ms / 2, ms, ms);
          drawn[m.k[i]]++; p.hits.push([px, py, i]);
        }
      } else {
        const cw = D.span / m.columns;
        for (let j = 0; j < m.cells.length; j++) {
          const c = m.cells[j], t = c[0] * cw;
          if (t + cw < view[0] || t > view[1]) continue;
          const x0 = x(t), x1 = Math.max(x0 + 1, x(t + cw)), y0 = 2 + c[1] / m.gridRows * (h - 16), y1 = Math.max(y0 + 1, 2 + (c[1] + 1) / m.gridRows * (h - 16));
          g.fillStyle = KC[c[2]]; g.globalAlpha = Math.min(1, 0.35 + Math.log2(1 + c[3]) / 8); g.fillRect(x0, y0, x1 - x0, y1 - y0);
          drawn[c[2]] += c[3]; p.hits.push([(x0 + x1) / 2, (y0 + y1) / 2, j]);
        }
        g.globalAlpha = 1;
      }
      axis(g, h);
      D.kinds.forEach((k, i) => { p.div.dataset["marks" + i] = drawn[i]; });
      p.div.dataset.marks = drawn.reduce((a, b) => a + b, 0);
    }
    maps.forEach(p => p.c.addEventListener("mousemove", e => {
      let best = null, bd = 36;
      for (const h of p.hits) { const d = (h[0] - e.offsetX) ** 2 + (h[1] - e.offsetY) ** 2; if (d < bd) { bd = d; best = h; } }
      if (!best) return showTip(e, "");
      const m = p.m, i = best[2];
      if (m.exact) showTip(e, `${D.kinds[m.k[i]]} in ${m.name}\naddr=${hex(m.a[i])} ip=${hex(m.ip[i])}\ntask ${m.task[i]} at ${fmtT(m.t[i])}`);
      else { const c = m.cells[i]; showTip(e, `${c[3]} × ${D.kinds[c[2]]} in ${m.name}\nfirst: addr=${hex(c[5])} ip=${hex(c[6])}\ntask ${c[7]} at ${fmtT(c[4])}`); }
    }));
    maps.forEach(p => p.c.addEventListener("mouseleave", e => showTip(e, "")));

    // The working set: pages first touched per interval, stacked by mapping.
    const wsC = canvas(document.getElementById("ws"), 160); zoomable(wsC);
    function drawWS() {
      const g = wsC.getContext("2d"), h = 160, bins = D.mappings.length ? D.mappings[0].ws.length : 1, bw = D.span / bins;
      g.clearRect(0, 0, W, h);
      let max = 1; const tot = new Array(bins).fill(0);
      D.mappings.forEach(m => m.ws.forEach((n, b) => { tot[b] += n; }));
      tot.forEach(n => { max = Math.max(max, n); });
      const base = new Array(bins).fill(0);
      D.mappings.forEach((m, mi) => {
        g.fillStyle = CC[mi % CC.length];
        m.ws.forEach((n, b) => { if (!n) return; const x0 = x(b * bw), x1 = Math.max(x0 + 1, x((b + 1) * bw)); const y0 = (h - 16) * (1 - (base[b] + n) / max), y1 = (h - 16) * (1 - base[b] / max); g.fillRect(x0, y0, x1 - x0, y1 - y0); base[b] += n; });
      });
      g.fillStyle = "#555"; g.font = "10px sans-serif"; g.fillText(max + " pages", 2, 10);
      axis(g, h);
      wsC.dataset.pages = tot.reduce((a, b) => a + b, 0);
    }
    const wsLegend = document.createElement("div"); wsLegend.innerHTML = D.mappings.map((m, i) => `<span class="sw" style="background:${CC[i % CC.length]}"></span>${esc(m.name)}`).join(""); document.getElementById("ws").appendChild(wsLegend);
    wsC.addEventListener("mousemove", e => { const bins = D.mappings.length ? D.mappings[0].ws.length : 1, b = Math.floor(tOf(e.offsetX) / (D.span / bins)); if (b < 0 || b >= bins) return showTip(e, ""); showTip(e, D.mappings.filter(m => m.ws[b]).map(m => `${m.ws[b]} pages of ${m.name}`).join("\n") || "none"); });
    wsC.addEventListener("mouseleave", e => showTip(e, ""));

    // The timeline: one row per task, a slice per call, marks for signals, starts and exits.
    const RH = 16, tlH = D.tasks.length * RH + 18;
    const tl = canvas(document.getElementById("timeline"), tlH); zoomable(tl);
    let tlHits = [];
    function drawTimeline() {
      const g = tl.getContext("2d"); g.clearRect(0, 0, W, tlH); tlHits = [];
      g.font = "11px monospace"; let slices = 0;
      D.tasks.forEach((t, i) => { g.fillStyle = i % 2 ? "#f4f4f4" : "#fff"; g.fillRect(0, i * RH, W, RH); g.fillStyle = "#333"; g.fillText(`${t.tid} ${t.name}`.slice(0, 20), 2, i * RH + 12); });
      if (D.exactCalls) {
        for (let j = 0; j < D.calls.length; j++) {
          const c = D.calls[j];
          if (c[1] + c[2] < view[0] || c[1] > view[1]) continue;
          const x0 = x(c[1]), x1 = Math.max(x0 + 1, x(c[1] + c[2]));
          g.fillStyle = CC[c[3]]; g.fillRect(x0, c[0] * RH + 2, x1 - x0, RH - 4);
          slices++; tlHits.push([x0, x1, c[0], "call", j]);
        }
      } else {
        const cw = D.span / D.callColumns;
        for (const c of D.callCells) {
          const t = c[1] * cw; if (t + cw < view[0] || t > view[1]) continue;
          const x0 = x(t), x1 = Math.max(x0 + 1, x(t + cw)), busy = Math.min(1, c[3] / cw);
          g.fillStyle = CC[c[4]]; g.globalAlpha = 0.3 + 0.7 * busy; g.fillRect(x0, c[0] * RH + 2, x1 - x0, RH - 4); g.globalAlpha = 1;
          slices += c[2]; tlHits.push([x0, x1, c[0], "cell", c]);
        }
      }
      const marks = [["signals", "#c0392b"], ["starts", "#1a9e4a"], ["exits", "#000"]];
      const counts = {};
      for (const [key, color] of marks) {
        counts[key] = 0;
        for (const s of D[key]) {
          if (s[1] < view[0] || s[1] > view[1]) continue;
          const px = x(s[1]), y = s[0] * RH;
          g.fillStyle = color; g.beginPath();
          if (key === "starts") { g.fillRect(px - 1, y, 2, RH); }
          else if (key === "exits") { g.fillRect(px - 3, y + 5, 6, 6); }
          else { g.moveTo(px - 4, y); g.lineTo(px + 4, y); g.lineTo(px, y + 8); g.fill(); }
          counts[key]++; tlHits.push([px - 4, px + 4, s[0], key, s]);
        }
      }
      axis(g, tlH);
      const el = document.getElementById("timeline");
      el.dataset.slices = slices; el.dataset.tasks = D.tasks.length; el.dataset.signals = counts.signals; el.dataset.starts = counts.starts; el.dataset.exits = counts.exits;
    }
    tl.addEventListener("mousemove", e => {
      const row = Math.floor(e.offsetY / RH);
      let best = null;
      for (const h of tlHits) if (h[2] === row && e.offsetX >= h[0] - 2 && e.offsetX <= h[1] + 2) { best = h; if (h[3] !== "call" && h[3] !== "cell") break; }
      if (!best) return showTip(e, "");
      const t = D.tasks[row];
      if (best[3] === "call") { const c = D.calls[best[4]]; showTip(e, `[${t.tid}] ${c[6]}\nat ${fmtT(c[1])}, ${(c[2] / 1000).toFixed(1)} us, %${D.classes[c[3]]}`); }
      else if (best[3] === "cell") { const c = best[4]; showTip(e, `[${t.tid}] ${c[2]} calls, ${(c[3] / 1000).toFixed(1)} us busy, mostly %${D.classes[c[4]]}`); }
      else showTip(e, `[${t.tid}] ${best[4][2]}\nat ${fmtT(best[4][1])}`);
    });
    tl.addEventListener("mouseleave", e => showTip(e, ""));
    if (D.hiddenTasks > 0) { const p = document.createElement("p"); p.className = "sub"; p.textContent = `${D.hiddenTasks} tasks with fewer calls are not shown`; document.getElementById("timeline").appendChild(p); }

    function drawAll() {
      maps.forEach(drawMap); drawWS(); drawTimeline();
      document.getElementById("range").textContent = `${fmtT(view[0])} to ${fmtT(view[1])} of ${fmtT(D.span)}`;
      document.body.dataset.rendered = "yes";
    }
    drawAll();
    """#
}
