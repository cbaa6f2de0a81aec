"""Card-front photos: a file decoded to upright opaque RGB, then cropped or fitted into a box as JPEG."""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from cardgen import scene
from cardgen.errors import Finding, InputError
from cardgen.units import IN

MIN_PPI = 100  # refused below (InputError)
HOME_WARN_PPI = 150  # warning below, home printing
SHOP_WARN_PPI = 300  # warning below, print shop
MAX_PPI = 450  # pixels beyond this at the printed size are resampled down (smaller files)
JPEG_QUALITY = 92
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True, eq=False)
class Photo:
    """A decoded photo: upright (EXIF orientation applied), RGB, no alpha, no metadata."""

    pixels: tuple[int, int]  # after EXIF rotation
    image: Image.Image


@dataclass(frozen=True)
class Placed:
    """A photo placed in a box: the item to draw, its resolution at the printed size, a warning or None."""

    image: scene.Image
    ppi: float  # of the pixels drawn (after any downsampling), the smaller of the two axes
    warning: str | None


def load_photo(path: Path, where: str) -> Photo:
    """Decode the image at `path` (first frame); raise InputError about the key `where` if it is unusable."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path and the file name", key=where)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the path of an image file inside it", key=where)
    limit = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if limit is not None and opened.width * opened.height > limit:
                    raise _too_big(where, path, opened.width * opened.height, limit)
                opened.load()
                icc = opened.info.get("icc_profile")
                image = _to_rgb(ImageOps.exif_transpose(opened), icc)
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_big(where, path, int(found.group(1)) if found else None, limit) from None
    except UnidentifiedImageError:
        heic = " (convert HEIC photos to JPEG first)" if path.suffix.lower() in (".heic", ".heif") else ""
        raise InputError(
            f"{path}: not an image Pillow can read (JPEG, PNG, WebP, TIFF …){heic}; export it as JPEG or PNG",
            key=where,
        ) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable", key=where) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(
            f"{path}: the image is damaged or incomplete ({detail}); save or download it again", key=where
        ) from None
    image.info = {}  # no comment/EXIF/ICC carried into the output
    return Photo(pixels=image.size, image=image)


def _too_big(where: str, path: Path, pixels: int | None, limit: int | None) -> InputError:
    size = f"{pixels / 1e6:.1f} megapixels" if pixels else "too many pixels"
    return InputError(
        f"{path}: {size}, over the limit of {(limit or 0) / 1e6:.1f} megapixels "
        "(a possible decompression bomb); scale the image down first",
        key=where,
    )


def _to_rgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Opaque RGB: 16-bit grey scaled to 8 bits, transparency over white, embedded ICC profiles to sRGB."""
    if image.mode.startswith("I"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "RGBa", "LA", "La", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
        image = image.convert("RGB")
    if icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or mismatched profile: fall back to Pillow's plain conversion
    return image.convert("RGB")


def place_photo(
    photo: Photo, box: tuple[float, float, float, float], mode: str, target: str, where: str
) -> Placed:
    """Cover `box` (mode "fill": central crop) or fit inside it (mode "fit": letterboxed, centred);
    target "home" | "shop" picks the warning threshold; below MIN_PPI raise InputError."""
    if mode not in ("fill", "fit") or target not in ("home", "shop"):
        raise ValueError(f"place_photo: mode {mode!r} / target {target!r}")
    x, y, w, h = box
    if w <= 0 or h <= 0:
        raise ValueError(f"place_photo: empty box {box!r}")
    pw, ph = photo.pixels
    if mode == "fill":
        scale = max(w / pw, h / ph)  # points per source pixel
        cw, ch = min(pw, max(1, round(w / scale))), min(ph, max(1, round(h / scale)))
        left, top = (pw - cw) // 2, (ph - ch) // 2
        dx, dy, dw, dh = x, y, w, h
    else:
        scale = min(w / pw, h / ph)
        cw, ch, left, top = pw, ph, 0, 0
        dw, dh = pw * scale, ph * scale
        dx, dy = x + (w - dw) / 2, y + (h - dh) / 2
    crop = (left, top, left + cw, top + ch)
    ppi = round(min(cw / dw, ch / dh) * IN, 2)  # rounded so 300.0000001 and 299.9999999 agree
    size = f"{dw / IN:.1f} × {dh / IN:.1f} in"

    def need(ppi_wanted: int) -> str:
        return f"{math.ceil(dw / IN * ppi_wanted)} × {math.ceil(dh / IN * ppi_wanted)} pixels"

    if ppi < MIN_PPI:
        raise InputError(
            f"the photo is only {int(ppi)} ppi at the printed size ({size}), below the minimum of "
            f"{MIN_PPI} ppi; use a photo of at least {need(MIN_PPI)}",
            key=where,
        )
    wanted, who = (SHOP_WARN_PPI, "a print shop") if target == "shop" else (HOME_WARN_PPI, "home printing")
    warning = None
    if ppi < wanted:
        rejected = (
            " (shops' preflight, cardgen's too, rejects under 150)" if target == "shop" and ppi < 150 else ""
        )
        warning = Finding(
            f"{int(ppi)} ppi at the printed size ({size}); {who} wants {wanted} ppi{rejected}: "
            f"use a photo of at least {need(wanted)}",
            where,
        )
    if ppi > MAX_PPI:
        out = (max(1, round(dw / IN * MAX_PPI)), max(1, round(dh / IN * MAX_PPI)))
        pixels = photo.image.resize(out, Image.Resampling.LANCZOS, box=crop)
        ppi = round(min(out[0] / dw, out[1] / dh) * IN, 2)
    else:
        pixels = photo.image if crop == (0, 0, pw, ph) else photo.image.crop(crop)
    buffer = io.BytesIO()
    pixels.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    item = scene.Image(dx, dy, dw, dh, buffer.getvalue(), pixels.size, role="photo")
    return Placed(image=item, ppi=ppi, warning=warning)
