/* The annotate panel's logic, without the page: the engine's anchoring rules
 * (plugins/dossier_core/anchoring.py), the shortest selector that anchors at exactly
 * one place, and YAML double-quoted scalars valid for any characters.
 *
 * Texts are arrays of code points (Array.from), because the engine counts code
 * points (Python str offsets) where JavaScript strings count UTF-16 units: an emoji
 * is one character to the engine and two to a string.
 *
 * The matching tables (typography and white space) come from the engine, in the
 * panel's data file (dossier_core/annotatedata.py), never from a copy here.
 *
 * The same file runs in the page (window.DossierAnnotateCore) and in Node (module.exports,
 * for tests/test_annotate.py).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.DossierAnnotateCore = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* ---- the engine's matching rules ---------------------------------------------- */

  /** Rules: {typography: {char: char}, white_space: "chars"} from the data file. */
  function Rules(data) {
    this.table = data.typography || {};
    this.spaces = new Set(Array.from(data.white_space || " \t\n\r\f\v"));
  }

  Rules.prototype.isSpace = function (c) {
    return this.spaces.has(c);
  };

  /** anchoring.normalise: typography folded, white-space runs collapsed to one
   * space, with origin[i] = the offset in `text` of normalised[i] (+ a final len). */
  Rules.prototype.normalise = function (text) {
    var out = [], origin = [], i = 0, n = text.length;
    while (i < n) {
      var c = this.table[text[i]] || text[i];
      if (this.isSpace(c)) {
        out.push(" ");
        origin.push(i);
        while (i < n && this.isSpace(this.table[text[i]] || text[i])) i += 1;
      } else {
        out.push(c);
        origin.push(i);
        i += 1;
      }
    }
    origin.push(n);
    return { text: out, origin: origin };
  };

  /** anchoring._norm */
  Rules.prototype.norm = function (text) {
    return this.normalise(text).text;
  };

  /** str.strip() */
  Rules.prototype.strip = function (text) {
    var a = 0, b = text.length;
    while (a < b && this.isSpace(text[a])) a += 1;
    while (b > a && this.isSpace(text[b - 1])) b -= 1;
    return text.slice(a, b);
  };

  function matchesAt(haystack, needle, at) {
    if (at < 0 || at + needle.length > haystack.length) return false;
    for (var k = 0; k < needle.length; k += 1) {
      if (haystack[at + k] !== needle[k]) return false;
    }
    return true;
  }

  /** anchoring.occurrences: every start, overlapping ones too. */
  function occurrences(haystack, needle) {
    var found = [];
    if (!needle.length) return found;
    for (var at = 0; at + needle.length <= haystack.length; at += 1) {
      if (haystack[at] === needle[0] && matchesAt(haystack, needle, at)) found.push(at);
    }
    return found;
  }

  function same(a, b) {
    return a.length === b.length && matchesAt(a, b, 0);
  }

  /** Python's body.endswith(prefix, 0, start) and body.startswith(suffix, end). */
  function endsBefore(body, prefix, start) {
    return start >= prefix.length && matchesAt(body, prefix, start - prefix.length);
  }

  function Text(body, rules) {
    this.body = body; // code points
    this.rules = rules;
    this.normalised = null; // rules.normalise(body), made once
  }

  /** anchoring._fits: exact prefix/suffix, else the typography-tolerant check. */
  Text.prototype.fits = function (start, end, prefix, suffix) {
    var body = this.body, rules = this.rules;
    if ((!prefix.length || endsBefore(body, prefix, start)) &&
        (!suffix.length || matchesAt(body, suffix, end))) return true;
    var before = rules.norm(body.slice(Math.max(0, start - 2 * prefix.length - 8), start));
    var after = rules.norm(body.slice(end, end + 2 * suffix.length + 8));
    var p = rules.norm(prefix), s = rules.norm(suffix);
    return endsBefore(before, p, before.length) && matchesAt(after, s, 0);
  };

  /** anchoring._tolerant */
  Text.prototype.tolerant = function (quote, prefix, suffix) {
    if (!this.normalised) this.normalised = this.rules.normalise(this.body);
    var text = this.normalised.text, origin = this.normalised.origin;
    var needle = this.rules.strip(this.rules.norm(quote));
    var spans = [];
    if (!needle.length) return spans;
    var self = this;
    occurrences(text, needle).forEach(function (s) {
      var start = origin[s], end = origin[s + needle.length - 1] + 1;
      if (self.fits(start, end, prefix, suffix)) spans.push([start, end]);
    });
    return spans;
  };

  /** anchoring.anchor: the one [start, end) the selector names, or null (the engine
   * would report an error: several places, or none). */
  Text.prototype.anchor = function (sel) {
    var quote = sel.quote, prefix = sel.prefix || [], suffix = sel.suffix || [];
    var body = this.body, self = this;
    if (sel.start != null && sel.end != null) {
      if (sel.end <= body.length &&
          same(this.rules.norm(body.slice(sel.start, sel.end)), this.rules.norm(quote)) &&
          this.fits(sel.start, sel.end, prefix, suffix)) return [sel.start, sel.end];
    }
    var picked = occurrences(body, quote).map(function (s) { return [s, s + quote.length]; })
      .filter(function (span) { return self.fits(span[0], span[1], prefix, suffix); });
    if (!picked.length) picked = this.tolerant(quote, prefix, suffix);
    return picked.length === 1 ? picked[0] : null;
  };

  /** anchoring._grow: a prefix grown leftwards to the start of the previous word. */
  Text.prototype.grow = function (start, size) {
    var body = this.body, position = start - size - 1;
    while (position > 0 && this.rules.isSpace(body[position])) position -= 1;
    while (position > 0 && !this.rules.isSpace(body[position - 1])) position -= 1;
    return Math.max(start - Math.max(position, 0), size + 1);
  };

  /** anchoring._grow_forward */
  Text.prototype.growForward = function (end, size) {
    var body = this.body, position = end + size;
    while (position < body.length && this.rules.isSpace(body[position])) position += 1;
    while (position < body.length && !this.rules.isSpace(body[position])) position += 1;
    return Math.max(position - end, size + 1);
  };

  /** The prefixes (or suffixes) the engine's unique_prefix would try, shortest first. */
  Text.prototype.prefixes = function (start) {
    var sizes = [], size = 0;
    while (size < start) {
      size = this.grow(start, size);
      sizes.push(this.body.slice(start - size, start));
    }
    return sizes;
  };

  Text.prototype.suffixes = function (end) {
    var sizes = [], size = 0;
    while (end + size < this.body.length) {
      size = this.growForward(end, size);
      sizes.push(this.body.slice(end, end + size));
    }
    return sizes;
  };

  /** The selector for [start, end): the quote alone when the engine finds it there;
   * else the shorter of the shortest prefix and the shortest suffix (grown a word at a
   * time, as the engine's hints are) with which the engine anchors it exactly there
   * (checked with the engine's own rules, so a tolerant match elsewhere is excluded);
   * else both; else the offsets. Returns {quote, prefix?, suffix?, start?, end?} with
   * strings (not code-point arrays) for the YAML. */
  Text.prototype.selector = function (start, end) {
    var quote = this.body.slice(start, end), self = this;
    function at(sel) {
      var span = self.anchor(sel);
      return span !== null && span[0] === start && span[1] === end;
    }
    function text(cps) { return cps.join(""); }
    if (at({ quote: quote })) return { quote: text(quote) };
    var prefix = this.prefixes(start).find(function (p) {
      return at({ quote: quote, prefix: p });
    });
    var suffix = this.suffixes(end).find(function (s) {
      return at({ quote: quote, suffix: s });
    });
    if (prefix && (!suffix || prefix.length <= suffix.length)) {
      return { quote: text(quote), prefix: text(prefix) };
    }
    if (suffix) return { quote: text(quote), suffix: text(suffix) };
    var prefixes = this.prefixes(start), suffixes = this.suffixes(end);
    for (var k = 0; k < Math.max(prefixes.length, suffixes.length); k += 1) {
      var p = prefixes[Math.min(k, prefixes.length - 1)] || [];
      var s = suffixes[Math.min(k, suffixes.length - 1)] || [];
      if (at({ quote: quote, prefix: p, suffix: s })) {
        return { quote: text(quote), prefix: text(p), suffix: text(s) };
      }
    }
    return { quote: text(quote), start: start, end: end };
  };

  /* ---- YAML ------------------------------------------------------------------------ */

  var NAMED = {
    "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\"": "\\\"", "\\": "\\\\",
    "\x85": "\\N", "\u00a0": "\\_", "\u2028": "\\L", "\u2029": "\\P"
  };

  function hex(code, digits) {
    var h = code.toString(16).toUpperCase();
    while (h.length < digits) h = "0" + h;
    return h;
  }

  /** Characters written as escapes: those YAML readers refuse (PyYAML's
   * Reader.NON_PRINTABLE: all but tab, LF, CR, U+0020-U+007E, U+0085, U+00A0-U+D7FF,
   * U+E000-U+FFFD and the astral planes; libyaml also refuses U+FEFF), line breaks
   * (a raw one would be folded), and invisible ones, so the analyst sees them: spaces
   * other than U+0020, zero-width and direction marks. */
  function escaped(code) {
    if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) return true;
    if (code === 0xfeff || code === 0xfffe || code === 0xffff) return true;
    if (code === 0x1680 || code === 0x180e || code === 0x3000) return true;
    if (code >= 0x2000 && code <= 0x200f) return true;
    if (code >= 0x2028 && code <= 0x202f) return true;
    if (code >= 0x205f && code <= 0x206f) return true;
    return false;
  }

  /** A YAML double-quoted scalar holding exactly `value`, for any characters. */
  function yamlString(value) {
    var out = "\"";
    for (var c of String(value)) { // by code point: an astral character stays whole
      var code = c.codePointAt(0);
      if (Object.prototype.hasOwnProperty.call(NAMED, c)) out += NAMED[c];
      else if (code >= 0xd800 && code <= 0xdfff) out += "\\uFFFD"; // a lone surrogate:
      // no YAML reader takes one, escaped or not (it cannot come from the page's text)
      else if (!escaped(code)) out += c;
      else if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    }
    return out + "\"";
  }

  /** An id as a plain scalar when it is a slug YAML reads as text, else quoted. */
  var RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
  function yamlId(value) {
    return /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(value) && !RESERVED.test(value)
      ? value : yamlString(value);
  }

  /** The annotation item, indented as in the dossier's article files (`  - quote:`,
   * then its keys at four spaces). `fields`: {selector, label, verdict, narrative,
   * actors: [ids], note}. */
  function yamlItem(fields) {
    var sel = fields.selector, lines = ["  - quote: " + yamlString(sel.quote)];
    function key(name, value) { lines.push("    " + name + ": " + value); }
    if (sel.prefix != null) key("prefix", yamlString(sel.prefix));
    if (sel.suffix != null) key("suffix", yamlString(sel.suffix));
    if (sel.start != null) { key("start", String(sel.start)); key("end", String(sel.end)); }
    key("label", fields.label ? yamlId(fields.label) : "\"\"  # pick a label");
    if (fields.verdict) key("verdict", yamlId(fields.verdict)); // "false" is a verdict
    if (fields.narrative) key("narrative", yamlId(fields.narrative));
    if (fields.actors && fields.actors.length) {
      key("actors", "[" + fields.actors.map(yamlId).join(", ") + "]");
    }
    if (fields.note) key("note", yamlString(fields.note));
    return lines.join("\n") + "\n";
  }

  return {
    Rules: Rules,
    Text: Text,
    occurrences: occurrences,
    yamlString: yamlString,
    yamlId: yamlId,
    yamlItem: yamlItem,
    /** The selector for [start, end) of `body` (a string; offsets in code points). */
    selector: function (data, body, start, end) {
      return new Text(Array.from(body), new Rules(data)).selector(start, end);
    },
    /** anchoring.anchor of a selector given as strings; [start, end] or null. */
    anchor: function (data, body, sel) {
      var cps = function (s) { return s == null ? s : Array.from(s); };
      return new Text(Array.from(body), new Rules(data)).anchor({
        quote: cps(sel.quote), prefix: cps(sel.prefix), suffix: cps(sel.suffix),
        start: sel.start, end: sel.end
      });
    }
  };
});
