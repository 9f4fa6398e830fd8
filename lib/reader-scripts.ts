// The reader pages' inline scripts, as string constants in one module, so that a
// Content-Security-Policy can list their hashes computed from this very source. Plain ES2017 with
// no imports: each is its page's only script.

// Runs once the page has loaded: counts the view (the server ignores bots and repeats within half
// an hour), shows the counts, copies the link, and counts a share when a share link is used.
// Plain ES2017 with no imports: it is the page's only script.
export const ARTICLE_SCRIPT = `(function () {
  var article = document.querySelector('article[data-article-id]');
  if (!article) return;
  var id = article.getAttribute('data-article-id');
  var format = new Intl.NumberFormat('ar-u-nu-' + article.getAttribute('data-digits')).format;
  var beacon = function (path) { if (navigator.sendBeacon) navigator.sendBeacon(path + id); };
  var share = function () { beacon('/api/shares/'); };
  addEventListener('load', function () {
    beacon('/api/views/');
    fetch('/api/stats/' + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (counts) {
      if (!counts) return;
      article.querySelectorAll('.counters data').forEach(function (el) {
        var n = counts[el.getAttribute('data-count')];
        if (typeof n !== 'number') return;
        el.value = String(n);
        el.textContent = format(n);
      });
    }).catch(function () {});
  });
  var box = article.querySelector('.share');
  if (!box) return;
  var status = box.querySelector('[role=status]');
  box.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('a')) return share();
    if (!target.closest('[data-copy-link]')) return;
    // No clipboard on a page served over plain http, or when the reader refused it.
    var copied = navigator.clipboard ? navigator.clipboard.writeText(article.getAttribute('data-url')) : Promise.reject();
    copied.then(function () {
      status.textContent = 'تم نسخ الرابط';
      share();
    }, function () { status.textContent = 'تعذّر النسخ؛ انسخ الرابط من شريط العنوان.'; });
  });
})();`;
